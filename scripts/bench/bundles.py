"""Verifying a bundle against hashing its bytes: ``python -m scripts.bench.bundles``.

Builds a sealed audit of all 60 criteria with 120 normalised photos (2048 x 1536 JPEGs,
textured, about the size phone photos become), exports its bundle, then compares:

* ``sha256sum`` over the same 120 photo files (reading and hashing each byte once: the limit);
* ``verify_bundle`` on another device (zip checks, every signature, every photo's SHA-256,
  edition, score and revision checks).

Target: verification at most 1.3 x the time of ``sha256sum``. Best of ``--repeat`` runs, with
the files in the page cache for both.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from field_audit.device import open_device
from field_audit.domain.answers import Verdict
from field_audit.domain.edition import load_bundled_edition
from field_audit.seal.bundles import export_bundle, verify_bundle
from field_audit.seal.sealing import seal_audit
from field_audit.signing import KdfParams, create_identity, unlock
from field_audit.storage.audits import open_audit, record_verdict
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.photos import NewPhoto, add_photo

PHOTOS = 120
TARGET = 1.3


def photo_bytes(seed: int) -> bytes:
    rnd = random.Random(seed)
    image = Image.effect_noise((2048, 1536), 40).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rnd.randrange(2048), rnd.randrange(1536)
        colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        draw.rectangle((x, y, x + rnd.randrange(400), y + rnd.randrange(300)), fill=colour)
    buffer = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(1.2)).save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def sealed_bundle(work: Path) -> tuple[Path, list[Path]]:
    edition = load_bundled_edition()
    device = open_device(work / "member")
    load_demo_data(device.db, edition)
    create_identity(device.keys_dir, "benchmark-passphrase", kdf=KdfParams(1, 1, 8))
    audit = open_audit(
        device.db, assignment_id="a-cm", inspector_id=DEMO_INSPECTOR_ID, edition=edition
    )
    criteria = list(edition.criterion_ids)
    for index in range(PHOTOS):
        data = photo_bytes(index)
        sha256 = hashlib.sha256(data).hexdigest()
        device.photos.put_verified(sha256, data)
        new = NewPhoto(sha256, sha256, 2048, 1536, len(data), None, None)
        add_photo(device.db, audit.id, criteria[index % 60], new, caption="", by=DEMO_INSPECTOR_ID)
    for criterion_id in criteria:
        record_verdict(device.db, audit.id, criterion_id, Verdict.MET, by=DEMO_INSPECTOR_ID)
    signed = seal_audit(device.db, audit.id, unlock(device.keys_dir, "benchmark-passphrase"))
    bundle = export_bundle(device.db, device.photos, signed.hash, work / "audit.gecc")
    files = [device.photos.path(sha) for sha in device.photos.hashes()]
    return bundle, files


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    sha256sum = shutil.which("sha256sum")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bundle, files = sealed_bundle(work)
        chair = open_device(work / "chair")
        load_demo_data(chair.db, load_bundled_edition())
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        verify = best_of(repeat, lambda: verify_bundle(chair.db, bundle))
        size = bundle.stat().st_size / 1e6
        print(f"bundle: {len(files)} photos, {megabytes:.1f} MB of photo bytes, {size:.1f} MB file")
        print(f"verify_bundle                 {verify * 1000:8.1f} ms")
        if sha256sum is None:
            print("sha256sum not installed: no reference figure")
            return
        command = [sha256sum, *map(str, files)]
        reference = best_of(
            repeat, lambda: subprocess.run(command, check=True, capture_output=True)
        )
        ratio = verify / reference
        print(f"sha256sum (same photo bytes)  {reference * 1000:8.1f} ms")
        print(f"ratio {ratio:.2f} (target <= {TARGET}): {'ok' if ratio <= TARGET else 'MISSED'}")


if __name__ == "__main__":
    main()
