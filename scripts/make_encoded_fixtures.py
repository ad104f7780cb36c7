#!/usr/bin/env python3
"""Write the encoding and hostile-input fixtures: fixtures/encodings/ and fixtures/hostile/.

Run from the repository root (standard library only; deterministic, so a second run
writes the same bytes):

    python3 scripts/make_encoded_fixtures.py           # (re)write the fixtures
    python3 scripts/make_encoded_fixtures.py --check   # verify them, write nothing

fixtures/encodings/ -- the seed article (fixtures/seed/000_c23f71ea9a2bd46e.txt,
UTF-8 without BOM) re-encoded. tests/it/encodings.rs checks that each one cleans to
exactly the same text as the UTF-8 seed.

  seed.gb18030.txt         GB18030, no BOM (Python codec 'gb18030', errors='strict')
  seed.big5.txt            Big5, no BOM (Python codec 'big5', errors='strict')
  seed.utf16le.txt         UTF-16LE with BOM FF FE
  seed.utf16be.txt         UTF-16BE with BOM FE FF
  seed.utf16le-nobom.txt   UTF-16LE without BOM (exercises BOM-less detection)
  seed.utf8bom.txt         UTF-8 with BOM EF BB BF

  Big5: the seed is machine-converted Traditional text with a few Simplified-only
  characters (the report counts 18). Every one of them, and every other character of
  the seed, is nevertheless in Big5 (checked with errors='strict': the script fails
  if that ever stops being true), so the whole seed is encoded unchanged and no
  character had to be mapped or dropped. The UTF-8 version of what was encoded is
  therefore the seed itself; the script also checks that decoding the Big5 bytes
  gives the seed back.

fixtures/hostile/ -- inputs that must not panic or hang (tests/it/hostile.rs):

  truncated_multibyte.txt  the seed's first three lines, then the first two bytes of
                           the three-byte UTF-8 sequence of 中 (E4 B8): the file ends
                           inside a character
  nul_laden.txt            the seed's first nine lines (UTF-8) with a NUL byte after
                           every sentence mark and at the end of every line, and a run
                           of eight NULs in the middle of line 4 (about 1 % of bytes)
  png_renamed.txt          a valid 1x1 8-bit greyscale PNG (built here with zlib and
                           CRC-32), named .txt
  empty.txt                zero bytes
  whitespace_only.txt      spaces, tabs, U+3000, NBSP and blank lines (CRLF and LF)
  radicals_compat.txt      Kangxi radicals (U+2F00-U+2FD5), CJK compatibility
                           ideographs (U+F900-U+FAFF), including the twelve unified
                           ideographs inside that block, and combining marks (an
                           accented Latin word, marks on Han characters, one base with
                           500 marks)
  controls_private_use.txt C0 controls (every one but NUL, tab and line breaks), DEL,
                           C1 controls (U+0080-U+009F), private-use characters (BMP
                           U+E000-U+F8FF, planes 15 and 16), noncharacters U+FDD0,
                           U+FFFE, U+FFFF and U+FFFD, inside Chinese sentences
  lone_surrogate.utf16le.txt  UTF-16LE with BOM: `中文第一行。\n第二`, an unpaired
                           high surrogate (00 D8, at byte offset 20), then `行。\n`
"""

import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed" / "000_c23f71ea9a2bd46e.txt"
ENC_DIR = ROOT / "fixtures" / "encodings"
HOSTILE_DIR = ROOT / "fixtures" / "hostile"


def encoded_fixtures(seed: str) -> dict:
    big5 = seed.encode("big5", errors="strict")
    assert big5.decode("big5") == seed, "Big5 round trip changed the seed"
    return {
        "seed.gb18030.txt": seed.encode("gb18030", errors="strict"),
        "seed.big5.txt": big5,
        "seed.utf16le.txt": b"\xff\xfe" + seed.encode("utf-16-le"),
        "seed.utf16be.txt": b"\xfe\xff" + seed.encode("utf-16-be"),
        "seed.utf16le-nobom.txt": seed.encode("utf-16-le"),
        "seed.utf8bom.txt": b"\xef\xbb\xbf" + seed.encode("utf-8"),
    }


def png_1x1() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1, 8-bit greyscale
    idat = zlib.compress(b"\x00\x80", 9)  # filter byte 0, one grey pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def hostile_fixtures(seed: str) -> dict:
    lines = seed.split("\n")
    out = {}
    out["truncated_multibyte.txt"] = ("\n".join(lines[:3]) + "\n").encode() + "中".encode()[:2]

    nul_lines = []
    for i, line in enumerate(lines[:9]):
        s = line
        for mark in ",。、:;!?":
            s = s.replace(mark, mark + "\0")
        if i == 3:
            half = len(s) // 2
            s = s[:half] + "\0" * 8 + s[half:]
        nul_lines.append(s + "\0")
    out["nul_laden.txt"] = ("\n".join(nul_lines) + "\n").encode()

    out["png_renamed.txt"] = png_1x1()
    out["empty.txt"] = b""
    out["whitespace_only.txt"] = " \t \r\n\n\u3000\u3000\n\u00a0 \n\t\n   ".encode()

    kangxi = "".join(chr(c) for c in range(0x2F00, 0x2FD6))
    compat = "".join(chr(c) for c in range(0xF900, 0xFADA))
    radicals = (
        # 一 人 大 山 日 月 木 水 火 土 as Kangxi radicals
        "部首：\u2f00\u2f08\u2f24\u2f2d\u2f47\u2f49\u2f4a\u2f54\u2f55\u2f1f。\n"
        # 豈 更 車 賈 滑 as compatibility ideographs, and U+FA0E (itself unified)
        "兼容汉字：\uf900\uf901\uf902\uf903\uf904，\ufa0e不变。\n"
        + "所有康熙部首：" + kangxi + "\n"
        + "所有兼容表意文字：" + compat + "\n"
        + "组合符号：cafe\u0301 nai\u0308ve，中\u0301文\u0300字\u0323。\n"
        + "长组合序列：字" + "\u0301\u0302\u0303\u0304\u0305" * 100 + "。\n"
    )
    out["radicals_compat.txt"] = radicals.encode()

    c0 = "".join(chr(c) for c in range(1, 0x20) if chr(c) not in "\t\n\r")
    c1 = "".join(chr(c) for c in range(0x80, 0xA0))
    controls = (
        "控制字符" + c0 + "在句子里。\n"
        "删除符\x7f和C1控制字符" + c1 + "也在。\n"
        "私用区\ue000\ue001\uf8ff字符和\U000f0000\U0010fffd补充私用区。\n"
        "非字符\ufdd0\ufffe\uffff与替换字符\ufffd。\n"
        "普通的一行中文，没有任何特殊字符。\n"
    )
    out["controls_private_use.txt"] = controls.encode()

    u16 = b"\xff\xfe" + "中文第一行。\n第二".encode("utf-16-le")
    u16 += struct.pack("<H", 0xD800)  # unpaired high surrogate
    u16 += "行。\n".encode("utf-16-le")
    out["lone_surrogate.utf16le.txt"] = u16
    return out


def main() -> int:
    check = "--check" in sys.argv[1:]
    seed = SEED.read_bytes().decode("utf-8")
    plan = [(ENC_DIR, encoded_fixtures(seed)), (HOSTILE_DIR, hostile_fixtures(seed))]
    bad = 0
    for folder, files in plan:
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            path = folder / name
            rel = path.relative_to(ROOT)
            if check:
                if not path.exists() or path.read_bytes() != data:
                    print(f"differs: {rel}")
                    bad += 1
            else:
                path.write_bytes(data)
                print(f"wrote {rel} ({len(data)} bytes)")
    if check:
        print("all fixtures match" if bad == 0 else f"{bad} fixture(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
