/**
 * Protocol-buffer encoding of TensorFlow's `Event` message, only the fields a scalar log needs:
 *   Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
 *   Summary { repeated Value value = 1; }   Value { string tag = 1; float simple_value = 2; }
 * (tensorflow/core/util/event.proto, tensorflow/core/framework/summary.proto). `simple_value` is what PyTorch's
 * `SummaryWriter.add_scalar` writes, so these scalars load exactly like FoldTree2's own.
 */

/** The `file_version` of an event file's first record. */
export const EVENT_FILE_VERSION = 'brain.Event:2';

/** One scalar of a summary; `value` is stored as float32. */
export interface ScalarValue {
  readonly tag: string;
  readonly value: number;
}

export interface EventFields {
  /** Seconds since the Unix epoch. */
  readonly wallTime: number;
  /** Non-negative integer; 0 is the proto3 default and is left out. */
  readonly step?: number;
  readonly fileVersion?: string;
  /** Written as a `Summary` when present (even empty). */
  readonly scalars?: readonly ScalarValue[];
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();
const scratch = new DataView(new ArrayBuffer(8));

/** Appends protobuf wire-format pieces to a byte list. */
class ProtoWriter {
  readonly bytes: number[] = [];

  /** Base-128 varint of a non-negative safe integer; division rather than bit operators, which stop at 2^31. */
  varint(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`varint needs a non-negative safe integer, got ${n}`);
    while (n >= 0x80) {
      this.bytes.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.bytes.push(n);
    return this;
  }

  key(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  double(field: number, value: number): this {
    scratch.setFloat64(0, value, true);
    return this.key(field, WIRE_FIXED64).raw(new Uint8Array(scratch.buffer, 0, 8));
  }

  float(field: number, value: number): this {
    scratch.setFloat32(0, value, true);
    return this.key(field, WIRE_FIXED32).raw(new Uint8Array(scratch.buffer, 0, 4));
  }

  lengthDelimited(field: number, data: Uint8Array | readonly number[]): this {
    return this.key(field, WIRE_LENGTH_DELIMITED).varint(data.length).raw(data);
  }

  raw(data: Uint8Array | readonly number[]): this {
    for (const byte of data) this.bytes.push(byte);
    return this;
  }
}

function encodeValue(scalar: ScalarValue): number[] {
  return new ProtoWriter().lengthDelimited(1, utf8.encode(scalar.tag)).float(2, scalar.value).bytes;
}

/** The serialised `Event`, fields in number order as protobuf encoders write them. */
export function encodeEvent(event: EventFields): Uint8Array {
  const writer = new ProtoWriter().double(1, event.wallTime);
  if (event.step !== undefined && event.step !== 0) writer.key(2, WIRE_VARINT).varint(event.step);
  if (event.fileVersion !== undefined) writer.lengthDelimited(3, utf8.encode(event.fileVersion));
  if (event.scalars !== undefined) {
    const summary = new ProtoWriter();
    for (const scalar of event.scalars) summary.lengthDelimited(1, encodeValue(scalar));
    writer.lengthDelimited(5, summary.bytes);
  }
  return Uint8Array.from(writer.bytes);
}
