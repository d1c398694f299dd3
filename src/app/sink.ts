/** Where the app writes its output text (stdout or a file, chosen by the caller). */
export interface TextSink {
  /** Writes a chunk, waiting when the destination asks to (backpressure). */
  write(chunk: string): Promise<void>;
  /** Writes what is buffered; called once at the end. */
  flush(): Promise<void>;
}

/** Writes one output: a writer's begin, its records, its end. Returns the number of records written. */
export async function writeAll<T>(sink: TextSink, writer: { begin(): string; write(r: T, rank: number | null): string; end(): string }, records: Iterable<T>, ranked = true): Promise<number> {
  let n = 0;
  await sink.write(writer.begin());
  for (const r of records) {
    n++;
    await sink.write(writer.write(r, ranked ? n : null));
  }
  await sink.write(writer.end());
  return n;
}
