// Copying a shown secret or link to the clipboard, with a spoken result; when the browser refuses
// (no permission, not a secure context), the text is selected so the person can copy it themselves.
import { t } from '../i18n';

export async function copyField(input: HTMLInputElement, status: HTMLElement, failed = t('tokens.copyFailed')): Promise<void> {
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = t('tokens.copied');
  } catch {
    input.focus();
    input.select();
    status.textContent = failed;
  }
}
