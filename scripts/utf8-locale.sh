# Sourced by scripts/tlsrpt, submit.sh and nightly.sh: a run must not depend on the caller's locale.
# Java takes the encoding of file names from the locale when it starts (LC_ALL, else LC_CTYPE, else
# LANG), and cron sets none of them: the JVM then names files in ASCII, and cannot even name
# café.json.gz. -Dsun.jnu.encoding cannot change that on Java 17 (the JVM ignores it), so the
# launchers run Java in a UTF-8 locale: the caller's when it is one, else C.UTF-8 (every glibc since
# 2.35 has it, Debian and Ubuntu long before), else the first UTF-8 locale installed. The Java code
# does not rely on it either (see docs/archive-names.md); this keeps names in logs and messages
# readable. TLSRPT_LOCALE names another UTF-8 locale to use.
utf8_locale() {
  local charmap
  charmap="$(locale charmap 2>/dev/null || true)"
  if [[ -z "${TLSRPT_LOCALE:-}" && "$charmap" =~ ^[Uu][Tt][Ff]-?8$ ]]; then
    return 0
  fi
  local chosen="${TLSRPT_LOCALE:-}"
  if [[ -z "$chosen" ]]; then
    local installed
    installed="$(locale -a 2>/dev/null || true)"
    chosen="$(grep -ixE 'c\.utf-?8' <<<"$installed" | head -1 || true)"
    [[ -n "$chosen" ]] || chosen="$(grep -iE '\.utf-?8$' <<<"$installed" | head -1 || true)"
    [[ -n "$chosen" ]] || chosen=C.UTF-8
  fi
  export LC_ALL="$chosen"
}
utf8_locale
