#!/usr/bin/env python3
"""Sorts the server's CPU samples of a `flashsale --perf FILE` run (perf script output) into where the
time goes: under the show's lock (RoomWriter.WriteAsync on the stack), before it, after it, runtime
threads. Usage: perf script -i FILE > FILE.txt && python3 perf-breakdown.py FILE.txt
Native SQLite and OpenSSL frames have no frame pointers: perf records no callers for them, so they are
counted on their own."""
import re, sys, collections
txt = open(sys.argv[1]).read()
samples = [s for s in txt.strip().split('\n\n') if s.strip()]
top = collections.Counter(); sub = collections.Counter()
def has(s, *pats): return any(p in s for p in pats)
for s in samples:
    head = s.split('\n', 1)[0]
    frames = s.split('\n')[1:]
    leaf = frames[0] if frames else ''
    if head.startswith('.NET Tiered Com'): top['JIT: tiered compilation thread'] += 1; continue
    if head.startswith('.NET Server GC') or head.startswith('.NET BGC'): top['GC threads'] += 1; continue
    if 'libe_sqlite3.so' in leaf: top['SQLite engine, native (caller not recorded; most statements run under the lock)'] += 1; continue
    if 'libcrypto' in leaf: top['OpenSSL (cookie decryption; caller not recorded)'] += 1; continue
    if has(s, 'RoomWriter+<WriteAsync>', 'RoomWriter+<>c__DisplayClass5_0'):
        top['under the show lock (RoomWriter.WriteAsync)'] += 1
        if has(s, 'System.Runtime.EH::', 'ExceptionDispatchInfo::Throw', 'libgcc', '_Unwind'): sub['lock: exception throw/rethrow'] += 1
        elif 'libe_sqlite3.so' in leaf: sub['lock: SQLite native'] += 1
        elif has(s, 'BeginTransaction', 'Commit', 'Rollback', 'SqliteTransaction'): sub['lock: begin/commit/rollback'] += 1
        elif has(s, 'Microsoft.EntityFrameworkCore', 'Microsoft.Data.Sqlite', 'System.Linq.Expressions'): sub['lock: EF Core (query pipeline, readers, change tracking, SaveChanges)'] += 1
        elif 'libclrjit' in s: sub['lock: JIT'] += 1
        else: sub['lock: other'] += 1
        continue
    if has(s, 'CookieAuthenticationHandler', 'SecurityStampValidator'): top['cookie sign-in (incl. DI scope: UserManager, DbContext)'] += 1; continue
    if has(s, 'FindExistingAsync'): top['idempotency lookup before the lock'] += 1; continue
    if has(s, 'ExceptionHandlerMiddlewareImpl', 'DomainExceptionHandler', 'System.Runtime.EH::', 'ExceptionDispatchInfo::Throw', 'ProblemDetails'): top['exception to 409 ProblemDetails (after the lock)'] += 1; continue
    if has(s, 'PlaceOrder', 'OrderQueries', 'OrderNotifier', 'SalesPulse', 'RoomBroadcaster', 'HubConnectionContext', 'SignalR'): top['other order code (DTO, notify, pushes)'] += 1; continue
    if has(s, 'LowLevelSpinWaiter', 'sched_yield', 'LowLevelLifoSemaphore'): top['thread pool spin/wait'] += 1; continue
    if has(s, 'Kestrel', 'System.Net.Sockets', 'tcp_', 'sock_', 'System.IO.Pipelines', 'ep_poll', 'do_epoll'): top['HTTP/sockets (Kestrel, kernel TCP)'] += 1; continue
    if 'libclrjit' in s: top['JIT on workers'] += 1; continue
    top['other (libc malloc/memset, runtime, kernel; caller not recorded)'] += 1
n = len(samples)
print(f'{n} samples')
for k, v in top.most_common(): print(f'{100*v/n:5.1f}%  {k}')
for k, v in sub.most_common(): print(f'   {100*v/n:5.1f}%  {k}')
