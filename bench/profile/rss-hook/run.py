#!/usr/bin/env python3
# build once: dotnet build bench/profile/rss-hook -c Release -o bench/profile/rss-hook/bin
# e.g. run.py /tmp/r/new -- dotnet /tmp/new/oso.dll bench transfer --attachment-mb 64 --count 5 --concurrency 1 --json; then analyze.py /tmp/r/new [-v]
# run.py OUTPREFIX -- command...: runs the command with the RSS hook, stamps its stderr lines with wall-clock ms
import os, sys, subprocess, time
out = sys.argv[1]; cmd = sys.argv[3:]
env = dict(os.environ, DOTNET_STARTUP_HOOKS=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'bin', 'RssHook.dll'), RSS_HOOK_OUT=out + '.tsv')
p = subprocess.Popen(cmd, env=env, stdout=open(out + '.json', 'w'), stderr=subprocess.PIPE, text=True)
with open(out + '.log', 'w') as log:
    for line in p.stderr:
        log.write(f"{int(time.time()*1000)}\t{line}"); log.flush()
sys.exit(p.wait())
