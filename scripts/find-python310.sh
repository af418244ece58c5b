#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 refuses newer ones): PATH first, then pyenv.
for candidate in python3.10 "$(pyenv root 2>/dev/null)"/versions/3.10.*/bin/python "$HOME"/.pyenv/versions/3.10.*/bin/python /usr/bin/python3.10 /usr/local/bin/python3.10; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    command -v "$candidate" || echo "$candidate"
    exit 0
  fi
done
echo "No Python 3.10 found. Install it (e.g. 'pyenv install 3.10.13' or 'apt-get install python3.10') and retry." >&2
exit 1
