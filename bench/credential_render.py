"""Issue 12: what PDF/A-3b with the embedded credential costs per certificate (ms), before and after.

    .venv/bin/python bench/credential_render.py [--rounds N]

"Before" writes the PDF as before the credentials (plain PDF, no attachment; a batch split with only its
title/author); "after" is what the pipeline does now (PDF/A-3b, the credential attached). Also the cost of
signing one credential (joserfc, Ed25519). Medians of warm runs, in one process, in CPU time (process_time:
the machine may be busy), before and after measured alternately.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")

import django  # noqa: E402

django.setup()

from dataclasses import replace  # noqa: E402

from joserfc import jws  # noqa: E402
from joserfc.jwk import OKPKey  # noqa: E402

from bench.render import content  # noqa: E402
from llp_edx_plugin.certificates.rendering import render_batch, render_pdf, renderer  # noqa: E402

KEY = OKPKey.generate_key("Ed25519")
CREDENTIAL = {"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "x" * 1500, "iat": 1}


def sign() -> str:
    header = {"alg": "EdDSA", "kid": "k", "typ": "vc+jwt", "cty": "vc"}
    return jws.serialize_compact(header, json.dumps(CREDENTIAL).encode(), KEY, algorithms=["EdDSA"])


def _median_ms(fn, rounds: int) -> float:
    fn()  # warm
    times = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def _before() -> tuple:
    """The renderer as it was: no PDF/A variant, no attachment."""
    saved = renderer.write_options
    renderer.write_options = lambda item: {}
    return saved


def _interleaved(fn, rounds: int) -> tuple[float, float]:
    """Median ms before and after, the two measured alternately (a busy machine slows both alike)."""
    before, after = [], []
    fn()
    for _ in range(rounds):
        saved = _before()
        start = time.process_time()
        fn()
        before.append(time.process_time() - start)
        renderer.write_options = saved
        start = time.process_time()
        fn()
        after.append(time.process_time() - start)
    return statistics.median(before) * 1000, statistics.median(after) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    token = sign()
    single = replace(content(1), credential_jwt=token)
    batch = [replace(content(i), credential_jwt=token) for i in range(args.batch)]

    before_one, after_one = _interleaved(lambda: render_pdf(single), args.rounds)
    before_batch, after_batch = _interleaved(lambda: render_batch(batch), max(3, args.rounds // 3))
    signing_ms = _median_ms(sign, 200)
    n = args.batch
    print(f"one certificate (render_pdf):      before {before_one:6.1f} ms   after {after_one:6.1f} ms")
    print(f"batch of {n}, per certificate: before {before_batch / n:6.1f} ms   after {after_batch / n:6.1f} ms")
    print(f"signing one credential (Ed25519):  {signing_ms:.3f} ms")


if __name__ == "__main__":
    main()
