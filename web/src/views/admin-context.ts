// What the Beheer sections share: the session, the regions by name, the accounts list, toasts.
import type { Account } from '../api/types';
import type { Session } from '../session';

export interface AdminCtx {
  session: Session;
  regions: { id: string; name: string }[];
  regionName(id: string): string;
  accounts(): Account[];
  setAccounts(list: Account[]): void;
  toast(msg: string, kind?: 'info' | 'error'): void;
}
