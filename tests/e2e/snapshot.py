"""python3 snapshot.py PATH...: what reading evidence must not change.

One line per file and folder under each PATH: path, type, size, mode,
mtime and atime in ns, and a file's SHA-256.  Everything is opened with
O_NOATIME (the tests run as root, or own their files), so that taking
the snapshot does not itself move the access times it records.
"""
import hashlib
import os
import stat
import sys

NOATIME = getattr(os, "O_NOATIME", 0)


def sha(path):
    fd = os.open(path, os.O_RDONLY | NOATIME)
    h = hashlib.sha256()
    with os.fdopen(fd, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def line(path):
    st = os.lstat(path)
    kind = "d" if stat.S_ISDIR(st.st_mode) else \
        "l" if stat.S_ISLNK(st.st_mode) else "f"
    digest = sha(path) if stat.S_ISREG(st.st_mode) else "-"
    print(path, kind, st.st_size if kind != "d" else "-",
          oct(st.st_mode), st.st_mtime_ns, st.st_atime_ns, digest)
    return kind


def walk(path):
    if line(path) != "d":
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | NOATIME)
    try:
        names = sorted(os.listdir(fd))
    finally:
        os.close(fd)
    for name in names:
        walk(os.path.join(path, name))


for p in sys.argv[1:]:
    walk(p)
