#!/usr/bin/env bash
# Kept for the commands in results.md: bench-profile.sh transfer OUT_DIR [COUNT] [CONCURRENCY] [SECONDS]
exec "$(dirname "$0")/bench-profile.sh" transfer "$@"
