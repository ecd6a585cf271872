#!/usr/bin/env python3
"""Where the CPU of a --stdio start-up goes, per thread, at the moment the first tools/list is answered (issue 15).

Starts LAUNCHER (default target/agentmeter) with --stdio --port 0 --data TMPDIR, writes initialize, initialized and
tools/list at once as a client does, and when the tools/list answer is in reads /proc: the wall time from spawn, the
process's CPU time (every thread, ended ones included) and the CPU time of each live thread, by name (numbers
stripped, so the compiler threads add up). AGENTMETER_JAVA_OPTS is passed through (an A/B of a JVM flag).

usage: src/bench/startup/startup-threads.py [LAUNCHER] [RUNS]
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time

FIRST_EXCHANGE = (
    b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},'
    b'"clientInfo":{"name":"startup-threads","version":"1"}}}\n'
    b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n'
    b'{"jsonrpc":"2.0","id":2,"method":"tools/list"}\n')
TICKS = os.sysconf('SC_CLK_TCK')


def cpu_millis(stat_text):
    fields = stat_text.rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS


def once(launcher):
    data = tempfile.mkdtemp(prefix='startup-threads')
    started = time.time()
    server = subprocess.Popen([launcher, '--stdio', '--port', '0', '--data', data], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    server.stdin.write(FIRST_EXCHANGE)
    server.stdin.flush()
    for line in server.stdout:
        if json.loads(line).get('id') == 2:
            break
    else:
        raise SystemExit('the server closed stdout before answering tools/list')
    wall = (time.time() - started) * 1000
    threads = collections.Counter()
    for task in os.listdir('/proc/%d/task' % server.pid):
        try:
            stat = open('/proc/%d/task/%s/stat' % (server.pid, task)).read()
        except OSError:
            continue
        name = re.sub(r'\d+$', '#', stat[stat.index('(') + 1:stat.rindex(')')])
        threads[name] += cpu_millis(stat)
    process = cpu_millis(open('/proc/%d/stat' % server.pid).read())
    server.stdin.close()
    server.wait(timeout=30)
    busiest = ' '.join('%s=%d' % (name, ms) for name, ms in threads.most_common(8) if ms > 0)
    print('wall %4.0f ms  process CPU %4.0f ms  live threads: %s' % (wall, process, busiest))


def main():
    launcher = sys.argv[1] if len(sys.argv) > 1 else 'target/agentmeter'
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    for _ in range(runs):
        once(launcher)


if __name__ == '__main__':
    main()
