"""A PEP 517 build backend written with the standard library only.

pip builds in an isolated environment and would download setuptools for it; with no network that
fails. This backend needs nothing: it zips ``sop_preview/`` into a pure-Python wheel (and an
editable wheel, and an sdist). Metadata comes from ``pyproject.toml``'s ``[project]`` table.

Run as a script, it writes a platform wheel that also carries a runtime folder (a Node.js binary
and the bundled CLI) as ``sop_preview/_runtime/``; ``npm run build:wheel`` prepares that folder
and calls it::

    python3 _build/stdlib_backend.py platform-wheel --runtime DIR --tag manylinux_2_28_x86_64 --out dist
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


def _write_wheel(directory, files, platform_tag="any", extra_info=()):
    """Writes the wheel; ``files`` yields ``(arcname, bytes)`` or ``(arcname, bytes, mode)``."""
    _, dist, info = _names()
    version = _project()["version"]
    tag = "py3-none-%s" % platform_tag
    wheel_name = "%s-%s-%s.whl" % (dist, version, tag)
    purelib = "true" if platform_tag == "any" else "false"
    files = list(files) + [("%s/%s" % (info, name), data) for name, data in extra_info] + [
        ("%s/METADATA" % info, _metadata().encode("utf-8")),
        ("%s/WHEEL" % info, ("Wheel-Version: 1.0\nGenerator: stdlib_backend\nRoot-Is-Purelib: %s\nTag: %s\n"
                             % (purelib, tag)).encode("utf-8")),
    ]
    record = []
    with zipfile.ZipFile(os.path.join(directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for entry in files:
            arcname, data = entry[0], entry[1]
            member = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            # The Unix mode in the high bits: pip keeps the executable bit of the Node binary.
            member.external_attr = ((entry[2] if len(entry) > 2 else 0o644) | 0o100000) << 16
            wheel.writestr(member, data, compresslevel=9)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (arcname, digest, len(data)))
        record.append("%s/RECORD,," % info)
        wheel.writestr("%s/RECORD" % info, "\n".join(record) + "\n")
    return wheel_name


def _runtime_files(runtime_dir):
    """The runtime folder's files as wheel entries under ``sop_preview/_runtime/``, modes kept."""
    for folder, subfolders, names in os.walk(runtime_dir):
        subfolders.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, runtime_dir).replace(os.sep, "/")
            mode = 0o755 if os.access(path, os.X_OK) or name in ("node", "node.exe") else 0o644
            yield "%s/_runtime/%s" % (PACKAGE, relative), _read(path), mode


def build_platform_wheel(wheel_directory, runtime_dir, platform_tag):
    """Writes the platform wheel: the package, ``runtime_dir`` as ``sop_preview/_runtime/``, and a
    ``sop-preview`` console command that runs the bundled CLI. Returns the wheel's file name."""
    if platform_tag == "any" or not re.match(r"^[a-z0-9_]+$", platform_tag):
        raise ValueError("a platform tag such as manylinux_2_28_x86_64 is needed, got %r" % platform_tag)
    for needed in ("node", "node.exe"):
        if os.path.isfile(os.path.join(runtime_dir, needed)):
            break
    else:
        raise FileNotFoundError("no node binary in the runtime folder %s" % runtime_dir)
    files = [(name, _read(path)) for name, path in _sources()] + list(_runtime_files(runtime_dir))
    entry_points = b"[console_scripts]\nsop-preview = sop_preview._cli:main\n"
    return _write_wheel(wheel_directory, files, platform_tag, [("entry_points.txt", entry_points)])


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


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Writes the platform wheel of sop_preview with a runtime folder.")
    parser.add_argument("command", choices=["platform-wheel"])
    parser.add_argument("--runtime", required=True, help="folder holding node (or node.exe) and the CLI bundle")
    parser.add_argument("--tag", required=True, help="platform tag, e.g. manylinux_2_28_x86_64")
    parser.add_argument("--out", required=True, help="folder to write the wheel to")
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    print(os.path.join(arguments.out, build_platform_wheel(arguments.out, arguments.runtime, arguments.tag)))
