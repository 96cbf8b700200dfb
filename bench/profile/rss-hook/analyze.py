#!/usr/bin/env python3
# analyze.py OUTPREFIX [step_ms]: the transfer phase of an `oso bench transfer` run sampled by the hook
import sys, json
pre = sys.argv[1]; step = int(sys.argv[2]) if len(sys.argv) > 2 else 500
log = [l.rstrip('\n').split('\t', 1) for l in open(pre + '.log')]
t_tr = next(int(t) for t, m in log if 'overdrachten over het volledige' in m)
t_echo = next(int(t) for t, m in log if 'kale mTLS' in m)
rows = [l.rstrip('\n').split('\t') for l in open(pre + '.tsv')][1:]
rows = [r for r in rows if len(r) >= 9]
ph = [r for r in rows if t_tr <= int(r[0]) <= t_echo]
# the bench's start: its forced compacting gen-2 GC right after the line
start = next((r for r in ph if r[1] == 'gc' and 'gen=2' in r[9] and 'compacted=True' in r[9]), ph[0])
i0 = ph.index(start)
after = ph[i0:]
peak = max(after, key=lambda r: int(r[2]))
print(f"{pre}: start rss {int(start[2])/1024:.0f} MiB heap {start[5]} MiB ({start[9][:120]})")
print(f"  peak rss {int(peak[2])/1024:.0f} MiB at +{(int(peak[0])-int(start[0]))/1000:.1f}s heap then {peak[5]} MiB; max hwm {max(int(r[3]) for r in after)/1024:.0f}; extra {(int(peak[2])-int(start[2]))/1024:.0f} MiB")
print(f"  max heap (GetTotalMemory) {max(float(r[5]) for r in after):.0f} MiB")
import re
ha = [(float(re.search(r'heapAfter=([0-9.]+)', r[9]).group(1)), float(re.search(r'committed=([0-9.]+)', r[9]).group(1)), r[9].split()[1]) for r in after[1:] if r[1] == 'gc']
if ha: print(f"  GCs during transfers {len(ha)}; max heap after a GC {max(h for h,_,_ in ha):.0f} MiB; max committed {max(c for _,c,_ in ha):.0f} MiB; gen-2 heapAfter {[round(h) for h,_,g in ha if g=='gen=2']}")
try:
    j = json.load(open(pre + '.json')); print("  json extraPeakRssMb", j.get('extraPeakRssMb'), 'echo', j.get('echoExtraPeakRssMb'), 'transfers', j['transfers']['collections'], j['transfers']['allocatedKbPerOp'])
except Exception as e: print('  json', e)
if '-v' in sys.argv:
    last = 0
    for r in after:
        t = int(r[0])
        if r[1] == 'gc' or t - last >= step:
            print(f"  +{(t-int(start[0]))/1000:6.2f}s rss {int(r[2])/1024:6.0f} heap {float(r[5]):6.0f} {r[9] if r[1]=='gc' else ''}")
            if r[1] != 'gc': last = t
