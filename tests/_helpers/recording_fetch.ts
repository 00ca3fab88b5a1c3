/** The response a {@link recordingFetch} gives. */
export interface RecordedAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A fetch that records the bodies it was given. */
export interface RecordingFetch {
  /** The `fetch` to give a shipping sink. */
  readonly fetch: (url: string, init: { body: string | Uint8Array }) => Promise<RecordedAnswer>;
  /** Every body as given (the very object, to check buffer ownership). */
  readonly bodies: Uint8Array[];
  /** A copy of each body as it was when posted. */
  readonly copies: Uint8Array[];
}

/**
 * A `fetch` for the shipping sinks that answers `status`, keeps every body it
 * was given and a copy of it as posted, and lets a test delay the answer to
 * the nth request.
 */
export function recordingFetch(status: number, delay: (n: number, body: Uint8Array) => Promise<void> | void = () => {}): RecordingFetch {
  const bodies: Uint8Array[] = [];
  const copies: Uint8Array[] = [];
  const answer: RecordedAnswer = { status, headers: { get: () => null }, text: () => Promise.resolve("") };
  const fetch = async (_url: string, init: { body: string | Uint8Array }): Promise<RecordedAnswer> => {
    const body = init.body as Uint8Array;
    bodies.push(body);
    copies.push(body.slice());
    await delay(bodies.length, body);
    return answer;
  };
  return { fetch: fetch, bodies: bodies, copies: copies };
}
