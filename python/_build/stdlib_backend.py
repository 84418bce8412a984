"""A PEP 517 build backend written with the standard library only.

pip builds in an isolated environment and would download setuptools for it; with no network that
fails. This backend needs nothing: it zips ``sop_preview/`` into a pure-Python wheel (and an
editable wheel, and an sdist). Metadata comes from ``pyproject.toml``'s ``[project]`` table.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "sop_preview"


def _project():
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as handle:
        text = handle.read()
    try:
        import tomllib  # Python 3.11+

        return tomllib.loads(text)["project"]
    except ImportError:
        # Python 3.9/3.10: the [project] table holds only `key = "string"` lines.
        table = text.split("[project]", 1)[1].split("\n[", 1)[0]
        return dict(re.findall(r'^(\S+)\s*=\s*"([^"]*)"\s*$', table, re.MULTILINE))


def _names():
    project = _project()
    dist = re.sub(r"[-_.]+", "_", project["name"]).lower()
    return project, dist, "%s-%s.dist-info" % (dist, project["version"])


def _metadata():
    project, _, _ = _names()
    lines = [
        "Metadata-Version: 2.1",
        "Name: %s" % project["name"],
        "Version: %s" % project["version"],
        "Summary: %s" % project.get("description", ""),
        "Requires-Python: %s" % project.get("requires-python", ""),
        "License: %s" % project.get("license", ""),
    ]
    return "\n".join(lines) + "\n"


def _sources():
    base = os.path.join(ROOT, PACKAGE)
    for name in sorted(os.listdir(base)):
        if name.endswith(".py"):
            yield "%s/%s" % (PACKAGE, name), os.path.join(base, name)


def _write_wheel(directory, files):
    _, dist, info = _names()
    version = _project()["version"]
    wheel_name = "%s-%s-py3-none-any.whl" % (dist, version)
    files = list(files) + [
        ("%s/METADATA" % info, _metadata().encode("utf-8")),
        ("%s/WHEEL" % info, b"Wheel-Version: 1.0\nGenerator: stdlib_backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    record = []
    with zipfile.ZipFile(os.path.join(directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for arcname, data in files:
            wheel.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (arcname, digest, len(data)))
        record.append("%s/RECORD,," % info)
        wheel.writestr("%s/RECORD" % info, "\n".join(record) + "\n")
    return wheel_name


def _read(path):
    with open(path, "rb") as handle:
        return handle.read()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    _, _, info = _names()
    os.makedirs(os.path.join(metadata_directory, info), exist_ok=True)
    with open(os.path.join(metadata_directory, info, "METADATA"), "w", encoding="utf-8") as handle:
        handle.write(_metadata())
    return info


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, ((name, _read(path)) for name, path in _sources()))


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    # A .pth file puts this folder on sys.path: edits to sop_preview/ take effect at once.
    return _write_wheel(wheel_directory, [("%s.pth" % PACKAGE, (ROOT + "\n").encode("utf-8"))])


def build_sdist(sdist_directory, config_settings=None):
    project, dist, _ = _names()
    base = "%s-%s" % (dist, project["version"])
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as archive:
        for relative in ["pyproject.toml", "_build/stdlib_backend.py"] + [n for n, _ in _sources()]:
            archive.add(os.path.join(ROOT, relative), arcname="%s/%s" % (base, relative))
        info = tarfile.TarInfo("%s/PKG-INFO" % base)
        data = _metadata().encode("utf-8")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return name
