import { describe, expect, it } from 'vitest';
import { problemMessage, readAnswerLink } from '../src/rsvp-link';

describe('answer links', () => {
  it('read the token from the path and the answer from the query', () => {
    expect(readAnswerLink('/rsvp/AbC_-1.xYz', '?answer=tentative')).toEqual({ token: 'AbC_-1.xYz', answer: 'tentative' });
    expect(readAnswerLink('/rsvp/AbC.xYz/', '')).toEqual({ token: 'AbC.xYz', answer: null });
  });

  it('ignore an unknown answer and an address without a token', () => {
    expect(readAnswerLink('/rsvp/t.s', '?answer=<script>').answer).toBeNull();
    expect(readAnswerLink('/rsvp/', '?answer=accepted').token).toBeNull();
    expect(readAnswerLink('/rsvp.html', '').token).toBeNull();
    expect(readAnswerLink('/rsvp/%E0%A4%A', '').token).toBeNull();
  });

  it('explain each refusal of the API', () => {
    expect(problemMessage(400, 'rsvp-invalid')).toBe('rsvp.invalid');
    expect(problemMessage(410, 'rsvp-expired')).toBe('rsvp.expired');
    expect(problemMessage(410, 'rsvp-withdrawn')).toBe('rsvp.withdrawn');
    expect(problemMessage(409, 'meeting-cancelled')).toBe('rsvp.cancelled');
    expect(problemMessage(409, 'meeting-full')).toBe('rsvp.full');
    expect(problemMessage(503, undefined)).toBe('rsvp.unreachable');
  });
});
