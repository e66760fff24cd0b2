# Start-up file of the terminals in the JupyterLab that `make lab` opens
# (bash --rcfile tools/lab-terminal.bashrc -i). It reads the user's own bash
# settings first, then puts the casebook's environment (.venv/bin) first on
# PATH, so that `casebook export ...` and `python -m casebook ...` work
# whatever those settings or /etc/profile did to PATH. make lab sets
# CASEBOOK_VENV to the absolute path of .venv.
[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc
[ -r "$HOME/.bashrc" ] && . "$HOME/.bashrc"
if [ -n "${CASEBOOK_VENV:-}" ] && [ -x "$CASEBOOK_VENV/bin/python" ]; then
  export VIRTUAL_ENV="$CASEBOOK_VENV"
  export PATH="$CASEBOOK_VENV/bin:$PATH"
  hash -r
  PS1="(casebook) ${PS1:-\\w \\$ }"
fi
