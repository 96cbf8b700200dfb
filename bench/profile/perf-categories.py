#!/usr/bin/env python3
"""CPU samples of `perf script` output (perf-profile.sh) by part of a transfer, inclusive (a sample counts for every part
on its stack; parts overlap, e.g. the audit is part of the School node's EF Core work). libcoreclr has no symbols: GC
time is read from the runtime's GC events (suspension) or /proc (the background GC thread), not from here."""
import collections, re, sys

def main(path):
    samples, cur, thread = [], None, None
    for line in open(path, errors="replace"):
        if not line.strip():
            if cur is not None: samples.append((thread, cur))
            cur = None
            continue
        if not line[0].isspace():
            cur = []
            m = re.match(r"^(.*?)\s+\d+\s+[\d.]+:", line)
            thread = m.group(1).strip() if m else "?"
        elif cur is not None:
            p = line.strip().split(" ", 1)
            if len(p) == 2: cur.append(p[1])
    n = len(samples) or 1
    def has(st, *pats): return any(any(p in fr for p in pats) for fr in st)
    parts = [
        ("JIT (tiered compilation thread + libclrjit)", lambda t, st: t.startswith(".NET Tiered") or bool(st) and "libclrjit" in st[0]),
        ("finalizer thread", lambda t, st: t.startswith(".NET Finalizer")),
        ("background GC thread", lambda t, st: t.startswith(".NET BGC")),
        ("Traffic Center (Oso.Central)", lambda t, st: has(st, "Oso.Central")),
        ("School node: EF Core + SQLite", lambda t, st: has(st, "EntityFrameworkCore", "Microsoft.Data.Sqlite", "libe_sqlite3") and not has(st, "Oso.Central")),
        ("  context creation (factory, DI scope, services)", lambda t, st: has(st, "CreateDbContext", "DbContext::get_ContextServices", "DbContext::get_InternalServiceProvider", "DbContextPool") and not has(st, "Oso.Central")),
        ("  SaveChanges", lambda t, st: has(st, "SaveChanges") and not has(st, "Oso.Central")),
        ("  audit chain (AuditLog.RecordAsync)", lambda t, st: has(st, "AuditLog")),
        ("  outbox enqueue", lambda t, st: has(st, "OutboxQueue")),
        ("SOAP read + write", lambda t, st: has(st, "Oso.Protocol.Soap")),
        ("signatures (Oso.Protocol.Proofs)", lambda t, st: has(st, "Oso.Protocol.Proofs")),
        ("encryption at rest", lambda t, st: has(st, "ProtectedDossiers", "PupilDataProtector")),
        ("dossier read, validate, filter, write (Oso.Dossier)", lambda t, st: has(st, "[Oso.Dossier]")),
        ("DI (Microsoft.Extensions.DependencyInjection)", lambda t, st: has(st, "Microsoft.Extensions.DependencyInjection")),
        ("logging", lambda t, st: has(st, "Microsoft.Extensions.Logging")),
        ("kernel (leaf: syscalls, scheduling, page faults)", lambda t, st: bool(st) and "kernel.kallsyms" in st[0]),
    ]
    print(f"-- perf samples: {n}")
    for name, pred in parts:
        print(f"{100 * sum(1 for t, st in samples if pred(t, st)) / n:6.1f}%  {name}")
    dso = collections.Counter((st[0].rsplit("(", 1)[-1].rstrip(")").split("/")[-1] if st else "?") for t, st in samples)
    print("-- by library of the leaf frame")
    for k, v in dso.most_common(10): print(f"{100 * v / n:6.1f}%  {k}")

if __name__ == "__main__":
    main(sys.argv[1])
