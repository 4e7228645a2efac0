/* Escape attempts that need raw system calls, run inside the sandbox by
 * boundary_test.cc. Usage: escape ACTION [ARG]. Exits 0 when the call
 * succeeded (an escape), 100 + errno when it failed, 2 on bad usage. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <grp.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static int result(long rc) {
  if (rc >= 0) return 0;
  fprintf(stderr, "escape: %s\n", strerror(errno));
  return 100 + errno;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const char* what = argv[1];
  const char* arg = argc > 2 ? argv[2] : "";
  if (!strcmp(what, "io_uring")) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    return result(syscall(SYS_io_uring_setup, 4, &p));
  }
  if (!strcmp(what, "ptrace-attach")) {
    return result(ptrace(PTRACE_ATTACH, atoi(arg), 0, 0));
  }
  if (!strcmp(what, "ptrace-child")) {
    pid_t child = fork();
    if (child == 0) {
      pause();
      _exit(0);
    }
    long rc = ptrace(PTRACE_ATTACH, child, 0, 0);
    int saved = errno;
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    errno = saved;
    return result(rc);
  }
  if (!strcmp(what, "process_vm_readv")) {
    char buf[8];
    struct iovec local = {buf, sizeof buf}, remote = {(void*)0x1000, 8};
    return result(syscall(SYS_process_vm_readv, atoi(arg), &local, 1, &remote,
                          1, 0));
  }
  if (!strcmp(what, "unshare-user")) return result(unshare(CLONE_NEWUSER));
  if (!strcmp(what, "unshare-mount")) return result(unshare(CLONE_NEWNS));
  if (!strcmp(what, "unshare-net")) return result(unshare(CLONE_NEWNET));
  if (!strcmp(what, "clone-newuser")) {
    long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid(pid, NULL, 0);
    return result(pid);
  }
  if (!strcmp(what, "clone3")) {
    unsigned long long args[11];
    memset(args, 0, sizeof args);
    args[0] = CLONE_NEWUSER; /* flags */
    args[4] = SIGCHLD;       /* exit_signal */
    long pid = syscall(SYS_clone3, args, 88);
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid(pid, NULL, 0);
    return result(pid);
  }
  if (!strcmp(what, "setns")) {
    int fd = open("/proc/1/ns/mnt", O_RDONLY);
    if (fd < 0) return result(fd);
    return result(setns(fd, 0));
  }
  if (!strcmp(what, "mount-tmpfs")) {
    return result(mount("none", arg, "tmpfs", 0, NULL));
  }
  if (!strcmp(what, "umount")) return result(umount2(arg, MNT_DETACH));
  if (!strcmp(what, "remount-rw")) {
    return result(mount(NULL, arg, NULL, MS_REMOUNT | MS_BIND, NULL));
  }
  if (!strcmp(what, "mount_setattr-rw")) {
    unsigned long long attr[4] = {0, 1 /* MOUNT_ATTR_RDONLY */, 0, 0};
    return result(syscall(SYS_mount_setattr, AT_FDCWD, arg, 0, attr,
                          sizeof attr));
  }
  if (!strcmp(what, "open_tree")) {
    return result(syscall(SYS_open_tree, AT_FDCWD, arg, 1 /* CLONE */));
  }
  if (!strcmp(what, "fsopen")) return result(syscall(SYS_fsopen, "tmpfs", 0));
  if (!strcmp(what, "pivot_root")) {
    return result(syscall(SYS_pivot_root, arg, arg));
  }
  if (!strcmp(what, "bpf")) {
    char attr[128];
    memset(attr, 0, sizeof attr);
    return result(syscall(SYS_bpf, 0 /* MAP_CREATE */, attr, sizeof attr));
  }
  if (!strcmp(what, "perf_event_open")) {
    char attr[128];
    memset(attr, 0, sizeof attr);
    return result(syscall(SYS_perf_event_open, attr, 0, -1, -1, 0));
  }
  if (!strcmp(what, "keyctl")) {
    return result(syscall(SYS_keyctl, 0 /* GET_KEYRING_ID */, -3, 0));
  }
  if (!strcmp(what, "add_key")) {
    return result(syscall(SYS_add_key, "user", "warden", "x", 1, -3));
  }
  if (!strcmp(what, "userfaultfd")) return result(syscall(SYS_userfaultfd, 0));
  if (!strcmp(what, "open_by_handle_at")) {
    char handle[128];
    memset(handle, 0, sizeof handle);
    ((unsigned*)handle)[0] = 8;
    return result(syscall(SYS_open_by_handle_at, AT_FDCWD, handle, O_RDONLY));
  }
  if (!strcmp(what, "init_module")) {
    return result(syscall(SYS_init_module, "", 0, ""));
  }
  if (!strcmp(what, "tiocsti")) {
    char c = 'x';
    return result(ioctl(0, TIOCSTI, &c));
  }
  if (!strcmp(what, "kill")) return result(kill(atoi(arg), 0));
  if (!strcmp(what, "chroot")) return result(chroot(arg));
  if (!strcmp(what, "socket")) {
    /* socket FAMILY,TYPE,PROTOCOL as numbers */
    int family = 0, type = 0, protocol = 0;
    if (sscanf(arg, "%d,%d,%d", &family, &type, &protocol) < 2) return 2;
    return result(socket(family, type, protocol));
  }
  if (!strcmp(what, "connect-tcp4")) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return result(fd);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)atoi(arg));
    a.sin_addr.s_addr = htonl(0x7f000001);
    return result(connect(fd, (struct sockaddr*)&a, sizeof a));
  }
  if (!strcmp(what, "setuid-root-caps")) {
    /* Capabilities must stay empty even for uid 0. */
    return result(setgroups(0, NULL));
  }
  return 2;
}
