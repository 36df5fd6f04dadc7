"""Hypothesis strategies: random bytes and mutations of valid samples."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

#: Largest input a fuzzer feeds in one example (a few maximal FN frames).
MAX_INPUT = 8 * 1024
_INTERESTING = (0x00, 0x01, 0x04, 0x05, 0x7F, 0x80, 0xFE, 0xFF)


@st.composite
def mutated(draw: st.DrawFn, samples: Sequence[bytes], max_mutations: int = 6) -> bytes:
    """One sample with up to ``max_mutations`` edits: bit flips, interesting bytes, inserts,
    deletions, duplicated or truncated ranges, and 16-bit length fields set to extremes."""
    data = bytearray(draw(st.sampled_from(list(samples))))
    for _ in range(draw(st.integers(0, max_mutations))):
        kind = draw(st.integers(0, 6))
        n = len(data)
        if kind == 0 and n:
            i = draw(st.integers(0, n - 1))
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif kind == 1 and n:
            data[draw(st.integers(0, n - 1))] = draw(st.sampled_from(_INTERESTING))
        elif kind == 2:
            i = draw(st.integers(0, n))
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif kind == 3 and n:
            i = draw(st.integers(0, n - 1))
            del data[i : i + draw(st.integers(1, 16))]
        elif kind == 4 and n:
            i = draw(st.integers(0, n - 1))
            j = draw(st.integers(i, min(n, i + 64)))
            data[j:j] = data[i:j]
        elif kind == 5 and n:
            del data[draw(st.integers(0, n - 1)):]
        elif kind == 6 and n >= 2:
            i = draw(st.integers(0, n - 2))
            data[i : i + 2] = draw(st.sampled_from((b"\x00\x00", b"\xff\xff", b"\x01\x06",
                                                     b"\x00\x80", b"\xff\x7f")))
    return bytes(data[:MAX_INPUT])


def random_bytes(max_size: int = 2048) -> st.SearchStrategy[bytes]:
    """Plain random bytes."""
    return st.binary(max_size=max_size)


def fuzz_input(samples: Sequence[bytes]) -> st.SearchStrategy[bytes]:
    """Random bytes or a mutated sample (hypothesis picks either)."""
    return st.one_of(random_bytes(), mutated(samples))


def chunked(data: bytes, cuts: list[int]) -> list[bytes]:
    """``data`` split at the given offsets (sorted, clipped)."""
    points = sorted({min(max(c, 0), len(data)) for c in cuts})
    out, prev = [], 0
    for p in [*points, len(data)]:
        out.append(data[prev:p])
        prev = p
    return out
