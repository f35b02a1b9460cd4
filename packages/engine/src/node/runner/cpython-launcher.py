# Builds the CPython sandbox's private root and drops every privilege, then execs the harness.
# Trusted code: runs as (namespace) root inside the fresh network, mount, PID, IPC and UTS
# namespaces that `unshare` created (cpython-isolation.ts), BEFORE any program is seen:
#   python3 -I -S -B cpython-launcher.py <python> <harness.py[:more.py]> <memory MiB> <nproc> <lib>...
# 1. A tmpfs becomes the new root. Into it, read-only (nosuid, nodev) bind mounts of exactly: the
#    interpreter binary, its shared libraries (<lib>... as ldd resolved them) and the stdlib
#    directory. No /proc, /dev, /etc, /home, /tmp, repository or host file is in it. The harness
#    source is written into the tmpfs, which is then remounted read-only.
# 2. pivot_root into it; the old root is detached, so nothing of the host file system is reachable.
# 3. rlimits: address space (memory cap), file size 0 (no writes), core 0, 1024 open files (two pipes per
#    program fork), few
#    processes (the harness's per-task fork children lower it to 0 themselves).
# 4. setgroups([]), setresgid/setresuid to 65534 (nobody; no capabilities left), no_new_privs.
# 5. execve the interpreter on the harness with an empty environment: a fresh interpreter that
#    never loaded ctypes (this launcher needs it for mount/pivot_root; the sandbox root has no
#    libffi, so ctypes cannot even be loaded there).
import ctypes, os, resource, sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_NO_NEW_PRIVS = 38
SYS_PIVOT_ROOT = 155
NOBODY = 65534

libc = ctypes.CDLL(None, use_errno=True)


def check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def mount(source, target, fstype, flags, data=None):
    enc = lambda s: None if s is None else s.encode()
    check(libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {source} on {target}")


def bind_readonly(source, root, target):
    path = root + target
    if os.path.isdir(source):
        os.makedirs(path, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w"):
            pass
    mount(source, path, None, MS_BIND | MS_REC)
    mount(None, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def main():
    python, harness_paths, memory_mb, nproc, *libs = sys.argv[1:]
    harness = b""
    for path in harness_paths.split(":"):
        with open(path, "rb") as f:
            harness += f.read() + b"\n"
    stdlib = os.path.dirname(os.__file__)
    # Any existing directory serves as the mount point: the mount is private to this namespace.
    root = "/tmp" if os.path.isdir("/tmp") else "/mnt"
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=755")
    bind_readonly(os.path.realpath(python), root, python)
    for lib in libs:
        bind_readonly(os.path.realpath(lib), root, lib)
    bind_readonly(stdlib, root, stdlib)
    os.makedirs(root + "/sandbox")
    with open(root + "/sandbox/harness.py", "wb") as f:
        f.write(harness)
    os.makedirs(root + "/.old")
    check(libc.syscall(SYS_PIVOT_ROOT, root.encode(), (root + "/.old").encode()), "pivot_root")
    os.chdir("/")
    check(libc.umount2(b"/.old", MNT_DETACH), "umount old root")
    os.rmdir("/.old")
    mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)

    mb = int(memory_mb)
    for limit, value in ((resource.RLIMIT_AS, mb * 1024 * 1024), (resource.RLIMIT_FSIZE, 0), (resource.RLIMIT_CORE, 0),
                         (resource.RLIMIT_NOFILE, 1024), (resource.RLIMIT_NPROC, int(nproc)), (resource.RLIMIT_MEMLOCK, 0),
                         (resource.RLIMIT_MSGQUEUE, 0)):
        resource.setrlimit(limit, (value, value))
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)
    check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    if os.getuid() != NOBODY or os.getgid() != NOBODY or os.getgroups():
        raise SystemExit("privilege drop did not take")
    os.execve(python, [python, "-I", "-S", "-B", "/sandbox/harness.py", stdlib], {})


try:
    main()
except BaseException as e:
    sys.stderr.write(f"cpython sandbox launcher failed: {type(e).__name__}: {e}\n")
    sys.stderr.flush()
    os._exit(72)
