// What an answer link carries: /rsvp/<token>?answer=accepted. Kept apart from the page so it can be tested.

export type Answer = 'accepted' | 'tentative' | 'declined';
export const ANSWERS: Answer[] = ['accepted', 'tentative', 'declined'];

/** The token from the path and the answer the person clicked in the mail (if any, and if it is one of the three). */
export function readAnswerLink(pathname: string, search: string): { token: string | null; answer: Answer | null } {
  const match = /^\/rsvp\/([^/]+)\/?$/.exec(pathname);
  let token: string | null = null;
  if (match) {
    try {
      token = decodeURIComponent(match[1]).trim() || null;
    } catch {
      token = null;
    }
  }
  const asked = new URLSearchParams(search).get('answer');
  const answer = ANSWERS.find((a) => a === asked) ?? null;
  return { token, answer };
}

/** Which message explains a refusal of the answer API, by status and ProblemDetails code. */
export function problemMessage(status: number, code: string | undefined):
  'rsvp.invalid' | 'rsvp.expired' | 'rsvp.withdrawn' | 'rsvp.cancelled' | 'rsvp.full' | 'rsvp.unreachable' {
  if (status === 400) return 'rsvp.invalid';
  if (status === 410) return code === 'rsvp-withdrawn' ? 'rsvp.withdrawn' : 'rsvp.expired';
  if (status === 409) return code === 'meeting-full' ? 'rsvp.full' : 'rsvp.cancelled';
  return 'rsvp.unreachable';
}
