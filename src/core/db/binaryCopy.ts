/**
 * COPY's binary format (`COPY … FROM STDIN (FORMAT binary)`), written into one growing buffer: the
 * server takes each field as it is sent instead of parsing text (for a tsvector, its words sorted
 * and its positions read from digits), which is the larger part of a text COPY's cost.
 * https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** jsonb's binary form: a version byte, then the JSON text. */
const JSONB_VERSION = 1;

export class BinaryCopyWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private length = 0;

  constructor() {
    this.bytes(SIGNATURE);
    this.int32(0); // flags
    this.int32(0); // header extension length
  }

  /** Starts a row of `fields` fields; each is then written by one of the field methods, in the table's column order. */
  row(fields: number): this {
    this.reserve(2);
    this.length = this.buffer.writeInt16BE(fields, this.length);
    return this;
  }

  null(): this {
    return this.int32(-1);
  }

  text(value: string | null): this {
    return value === null ? this.null() : this.utf8(value);
  }

  jsonb(json: string): this {
    return this.utf8(json, JSONB_VERSION);
  }
  integer(value: number): this {
    this.int32(4);
    return this.int32(value);
  }

  bigint(value: number): this {
    this.int32(8);
    this.reserve(8);
    this.length = this.buffer.writeBigInt64BE(BigInt(Math.trunc(value)), this.length);
    return this;
  }

  double(value: number): this {
    this.int32(8);
    this.reserve(8);
    this.length = this.buffer.writeDoubleBE(value, this.length);
    return this;
  }

  boolean(value: boolean): this {
    this.int32(1);
    this.reserve(1);
    this.length = this.buffer.writeUInt8(value ? 1 : 0, this.length);
    return this;
  }

  /** A field already in the column type's binary form (a tsvector, see tsvector.ts). */
  binary(value: Uint8Array): this {
    this.int32(value.length);
    return this.bytes(value);
  }

  /** The whole COPY data, with its trailer; the writer is not used after. */
  finish(): Buffer {
    this.reserve(2);
    this.length = this.buffer.writeInt16BE(-1, this.length);
    return this.buffer.subarray(0, this.length);
  }

  /** A field of UTF-8 text, after a leading byte when one is given (jsonb's version). */
  private utf8(value: string, leadingByte?: number): this {
    const lead = leadingByte === undefined ? 0 : 1;
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    this.reserve(4 + lead + value.length * 3);
    if (leadingByte !== undefined) this.buffer.writeUInt8(leadingByte, this.length + 4);
    const written = this.buffer.write(value, this.length + 4 + lead, 'utf8');
    this.buffer.writeInt32BE(lead + written, this.length);
    this.length += 4 + lead + written;
    return this;
  }

  private int32(value: number): this {
    this.reserve(4);
    this.length = this.buffer.writeInt32BE(value, this.length);
    return this;
  }

  private bytes(value: Uint8Array): this {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
