// What the Beheer sections share: the session, the regions by name, the accounts list, toasts.
import type { Account } from '../api/types';
import type { Session } from '../session';

export interface AdminCtx {
  session: Session;
  /** every region, by name (for showing grants) */
  regions: { id: string; name: string }[];
  /** what this regisseur may grant: the regions where they are regisseur, and '*' only with a '*' grant */
  grantable: { all: boolean; ids: string[] };
  regionName(id: string): string;
  accounts(): Account[];
  setAccounts(list: Account[]): void;
  toast(msg: string, kind?: 'info' | 'error'): void;
}
