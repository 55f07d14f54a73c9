"""Independent reader of TensorBoard event files, for tests (standard library only: no TensorFlow needed).

Walks the TFRecord framing, checks both masked CRC-32C of every record, decodes the protobuf `Event` /
`Summary` / `Summary.Value` messages field by field and prints JSON:
  {"events": [{"wall_time", "step", "file_version"?, "values": [{"tag", "value"}], "unknown_fields": [...]}]}
Exits 2 with a message on stderr on a checksum mismatch or a malformed file.

  tfevents_reference.py FILE          decode an event file
  tfevents_reference.py --crc32c HEX  print {"crc": ..., "masked": ...} of the bytes
"""
import json
import struct
import sys


def make_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = make_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked(crc):
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


class Malformed(Exception):
    pass


def records(blob):
    pos = 0
    index = 0
    while pos < len(blob):
        if pos + 12 > len(blob):
            raise Malformed(f"record {index}: truncated header at byte {pos}")
        header = blob[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", blob[pos + 8:pos + 12])
        if masked(crc32c(header)) != length_crc:
            raise Malformed(f"record {index}: length crc mismatch at byte {pos}")
        start = pos + 12
        end = start + length
        if end + 4 > len(blob):
            raise Malformed(f"record {index}: truncated data at byte {start}")
        data = blob[start:end]
        (data_crc,) = struct.unpack("<I", blob[end:end + 4])
        if masked(crc32c(data)) != data_crc:
            raise Malformed(f"record {index}: data crc mismatch at byte {start}")
        yield data
        pos = end + 4
        index += 1


def varint(buf, pos):
    result = 0
    shift = 0
    while True:
        if pos >= len(buf):
            raise Malformed("truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos
        if shift > 63:
            raise Malformed("varint longer than 10 bytes")


def fields(buf):
    """(field number, wire type, value) triples; value is int, or bytes for fixed and length-delimited."""
    pos = 0
    while pos < len(buf):
        key, pos = varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            size, pos = varint(buf, pos)
            value, pos = buf[pos:pos + size], pos + size
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            raise Malformed(f"unsupported wire type {wire}")
        if pos > len(buf):
            raise Malformed(f"field {number} runs past its message")
        yield number, wire, value


def decode_value(buf, unknown):
    out = {}
    for number, wire, value in fields(buf):
        if (number, wire) == (1, 2):
            out["tag"] = value.decode("utf-8")
        elif (number, wire) == (2, 5):
            out["value"] = struct.unpack("<f", value)[0]
        else:
            unknown.append(f"Value.{number}/{wire}")
    return out


def decode_event(buf):
    event = {"wall_time": 0.0, "step": 0, "values": [], "unknown_fields": []}
    unknown = event["unknown_fields"]
    for number, wire, value in fields(buf):
        if (number, wire) == (1, 1):
            event["wall_time"] = struct.unpack("<d", value)[0]
        elif (number, wire) == (2, 0):
            event["step"] = value - (1 << 64) if value >= 1 << 63 else value
        elif (number, wire) == (3, 2):
            event["file_version"] = value.decode("utf-8")
        elif (number, wire) == (5, 2):
            for n, w, v in fields(value):
                if (n, w) == (1, 2):
                    event["values"].append(decode_value(v, unknown))
                else:
                    unknown.append(f"Summary.{n}/{w}")
        else:
            unknown.append(f"Event.{number}/{wire}")
    return event


def main(argv):
    if len(argv) == 3 and argv[1] == "--crc32c":
        crc = crc32c(bytes.fromhex(argv[2]))
        print(json.dumps({"crc": crc, "masked": masked(crc)}))
        return 0
    with open(argv[1], "rb") as f:
        blob = f.read()
    try:
        events = [decode_event(data) for data in records(blob)]
    except Malformed as error:
        print(f"malformed event file: {error}", file=sys.stderr)
        return 2
    print(json.dumps({"events": events}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
