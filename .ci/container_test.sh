#!/usr/bin/env bash
# The Containerfile, tested without a container registry (CI reaches none,
# so the base images cannot be pulled and the image cannot be built). This
# is an emulation, not a container build: the script reads the
# Containerfile's instructions (so a change to it is what gets tested) and
# carries them out on this machine, each stage's file system a folder:
#   - the build stage's `COPY . .` is the repository itself (the build
#     context; .containerignore/.dockerignore must keep target/ out of it),
#     and its `RUN cargo install ...` runs as written, its absolute paths in
#     the stage's folder, with CARGO_TARGET_DIR at the workspace's target/
#     so that it reuses the release build (it must not compile carescale);
#   - the runtime stage's `COPY` lines copy into its folder, `WORKDIR` is
#     where the entry point runs, and `ENTRYPOINT` is found on the image's
#     PATH and run on a small scenario read from where the image puts the
#     scenarios; its results must equal the workspace binary's;
#   - the binary may need only the shared libraries a debian:bookworm-slim
#     base has (glibc and libgcc).
# Any other instruction, or a shell construct in RUN, fails the test.
# CONTAINERFILE=FILE tests another file (e.g. an edited copy).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export CARGO_TERM_COLOR=never
W=$(mktemp -d /tmp/carescale-container.XXXXXX)
trap 'rm -rf "$W"' EXIT
fail() { echo "container test FAILED: $*" >&2; exit 1; }
BIN=$repo/target/release/carescale
# The release build the install must reuse (a no-op when CI has built it).
cargo build --release --locked --quiet

for ignore in .containerignore .dockerignore; do
  [ -f "$ignore" ] || fail "$ignore is missing: COPY . . would send target/ (gigabytes) to the build"
  grep -qx 'target' "$ignore" || fail "$ignore does not exclude target/"
done

# Logical instructions: comments and blank lines dropped, `\` continues.
instructions=()
acc=""
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in \#*) [ -z "$acc" ] && continue ;; esac
  [ -z "${line//[[:space:]]/}" ] && [ -z "$acc" ] && continue
  if [[ "$line" == *\\ ]]; then acc+="${line%\\} "; continue; fi
  instructions+=("$acc$line")
  acc=""
done < "${CONTAINERFILE:-Containerfile}"
[ -z "$acc" ] || fail "the Containerfile ends with a continued line"

stage=""          # current stage name
declare -A root   # stage name -> its folder
declare -A workdir
entrypoint=""
image_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
n_stage=0
# An absolute path inside the current stage's folder.
inside() { printf '%s%s' "${root[$stage]}" "$1"; }
for ins in "${instructions[@]}"; do
  read -r op rest <<<"$ins"
  case "${op^^}" in
    FROM)
      read -r image as name extra <<<"$rest"
      [ -n "$image" ] && [ -z "$extra" ] || fail "FROM $rest: only FROM IMAGE [AS NAME] is emulated"
      if [ -n "$as" ]; then [ "${as^^}" = AS ] && [ -n "$name" ] || fail "FROM $rest"; else name="stage$n_stage"; fi
      n_stage=$((n_stage + 1))
      case "$image" in
        *rust:*bookworm* | *debian:bookworm*) ;;
        *) fail "FROM $image: this machine stands in for Debian bookworm images only" ;;
      esac
      stage=$name
      root[$stage]=$W/$stage
      workdir[$stage]=/
      mkdir -p "${root[$stage]}"
      echo "stage $stage ($image)"
      ;;
    WORKDIR)
      [ -n "$stage" ] || fail "WORKDIR before FROM"
      [[ "$rest" == /* ]] || fail "WORKDIR $rest: give an absolute path"
      workdir[$stage]=$rest
      mkdir -p "$(inside "$rest")"
      ;;
    COPY)
      read -r -a a <<<"$rest"
      from=""
      if [[ "${a[0]}" == --from=* ]]; then from=${a[0]#--from=}; a=("${a[@]:1}"); fi
      [ "${#a[@]}" -eq 2 ] || fail "COPY $rest: only COPY [--from=STAGE] SRC DEST is emulated"
      src=${a[0]} dest=${a[1]}
      if [ -n "$from" ]; then
        [ -n "${root[$from]:-}" ] || fail "COPY --from=$from: no such stage"
        [[ "$src" == /* ]] || fail "COPY --from: give an absolute source"
        srcpath=${root[$from]}$src
      else
        srcpath=$repo/$src
      fi
      if [ "$src" = . ] && [ "$dest" = . ] && [ -z "$from" ]; then
        # The build context into WORKDIR: the repository is the build's
        # file system there (the ignore files keep target/ out of a real build).
        [ "${workdir[$stage]}" != / ] || fail "COPY . . into /"
        rmdir "$(inside "${workdir[$stage]}")"
        ln -s "$repo" "$(inside "${workdir[$stage]}")"
        continue
      fi
      [ -e "$srcpath" ] || fail "COPY $rest: $src does not exist"
      [[ "$dest" == /* ]] || dest=${workdir[$stage]%/}/$dest
      mkdir -p "$(dirname "$(inside "$dest")")"
      cp -a "$srcpath" "$(inside "$dest")"
      ;;
    RUN)
      [[ "$rest" != \[* ]] || fail "RUN in exec form is not emulated"
      [[ "$rest" != *['&|;$<>`']* ]] || fail "RUN $rest: shell constructs are not emulated"
      read -r -a cmd <<<"$rest"
      [ "${cmd[0]} ${cmd[1]}" = "cargo install" ] || fail "RUN $rest: only cargo install is emulated"
      # Absolute paths are inside the stage.
      for i in "${!cmd[@]}"; do
        [[ "${cmd[$i]}" == /* ]] && cmd[$i]=$(inside "${cmd[$i]}")
      done
      echo "RUN ${cmd[*]} (in ${workdir[$stage]}, CARGO_TARGET_DIR=$repo/target)"
      start=$SECONDS
      log=$W/install.log
      (cd -P "$(inside "${workdir[$stage]}")" && CARGO_TARGET_DIR=$repo/target "${cmd[@]}") >"$log" 2>&1 ||
        { cat "$log" >&2; fail "RUN $rest failed"; }
      if grep -q 'Compiling carescale' "$log"; then
        cat "$log" >&2
        fail "cargo install compiled carescale again instead of reusing the release build"
      fi
      echo "  reused the release build: $((SECONDS - start)) s"
      ;;
    ENTRYPOINT)
      [[ "$rest" == \[* ]] || fail "ENTRYPOINT $rest: give the exec (JSON) form"
      entrypoint=$(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); assert isinstance(a, list) and all(isinstance(x, str) for x in a) and a; print("\n".join(a))' "$rest") ||
        fail "ENTRYPOINT $rest is not a JSON list of strings"
      ;;
    *)
      fail "$op is not emulated (FROM, WORKDIR, COPY, RUN, ENTRYPOINT)"
      ;;
  esac
done
[ -n "$entrypoint" ] || fail "no ENTRYPOINT"
final=$stage

# The entry point, found on the runtime image's PATH.
mapfile -t ep <<<"$entrypoint"
prog=${ep[0]}
if [[ "$prog" != /* ]]; then
  found=""
  IFS=: read -r -a dirs <<<"$image_path"
  for d in "${dirs[@]}"; do
    if [ -x "${root[$final]}$d/$prog" ]; then found=$d/$prog; break; fi
  done
  [ -n "$found" ] || fail "ENTRYPOINT $prog is not on the image's PATH ($image_path)"
  prog=$found
fi
exe=${root[$final]}$prog
[ -x "$exe" ] || fail "$prog is not in the image"
cmp -s "$exe" "$BIN" || fail "the image's $prog is not the release build"
echo "entry point $prog: the release build"

# Shared libraries a debian:bookworm-slim base provides.
while read -r lib; do
  case "$lib" in
    linux-vdso.so.* | ld-linux-*.so.* | */ld-linux-*.so.* | libc.so.6 | libm.so.6 | libgcc_s.so.1 | libpthread.so.0 | libdl.so.2 | librt.so.1) ;;
    *) fail "$prog needs $lib, which debian:bookworm-slim does not have" ;;
  esac
done < <(ldd "$exe" | awk '{print $1}')

# The image run as `podman run IMAGE run /opt/carescale/scenarios/demo.toml ...`:
# the scenario from where the image has it, results in WORKDIR.
scn=/opt/carescale/scenarios/demo.toml
[ -f "${root[$final]}$scn" ] || fail "the image has no $scn"
args=(run "${root[$final]}$scn" --scale 0.002 --replicates 2 --set run.horizon_months=12 --quiet --out results/demo)
(cd "${root[$final]}${workdir[$final]}" && env -i "$exe" "${ep[@]:1}" "${args[@]}") ||
  fail "the entry point failed on $scn"
out=${root[$final]}${workdir[$final]}/results/demo
[ -f "$out/summary.csv" ] || fail "no results in WORKDIR"
# The same run with the workspace binary and scenario.
mkdir -p "$W/ref"
(cd "$W/ref" && "$BIN" run "$repo/scenarios/demo.toml" --scale 0.002 --replicates 2 --set run.horizon_months=12 --quiet --out results/demo)
diff -r -q -x manifest.json "$W/ref/results/demo" "$out" || fail "the image's run differs from the workspace's"
echo "== container test passed in ${SECONDS} s"
