# The same disk as raw, VMDK (descriptor + flat extent), fixed VHD and
# AFF (afflib's affconvert):
# each is read through its own libtsk image type, lists what fls lists,
# and has the raw image's SHA-256 as its media hash, so a second format
# of the same disk is the same evidence.
. "$(dirname "$0")/lib.sh"
sh "$FIXTURES/mkext4.sh" raw.img >/dev/null
sh "$FIXTURES/mkvirt.sh" raw.img virt
# (affconvert takes a .img name for an image of its own: give it .raw)
cp raw.img virt.raw
affconvert -ovirt/disk.aff virt.raw >/dev/null 2>&1 ||
    die "affconvert made no AFF image"
rm virt.raw
before=$(sha256sum virt/* | sha256sum)
for f in virt/disk.vmdk virt/disk.vhd virt/disk.aff; do
    n=$(basename "$f" | tr . _)
    "$FTL" collect disk -q -c $n.ftl "$f"
    "$FTL" export bodyfile -c $n.ftl --evidence 1 -o $n.body 2>/dev/null
    fls -r -m / "$f" > $n.ref
    same_lines $n.body $n.ref
    expect_eq "$f media sha" "$(sql $n.ftl "SELECT sha256 FROM evidence WHERE id = 1")" "$(sha raw.img)"
    expect_eq "$f size" "$(sql $n.ftl "SELECT size FROM evidence WHERE id = 1")" "$(stat -c %s raw.img)"
done
expect_grep "^vmdk image" /dev/stdin <<EOF2
$(sql disk_vmdk.ftl "SELECT note FROM evidence WHERE id = 1")
EOF2
expect_grep "^vhd image" /dev/stdin <<EOF2
$(sql disk_vhd.ftl "SELECT note FROM evidence WHERE id = 1")
EOF2
expect_grep "^aff image" /dev/stdin <<EOF2
$(sql disk_aff.ftl "SELECT note FROM evidence WHERE id = 1")
EOF2
# raw then VHD of the same disk: one evidence item
"$FTL" collect disk -c one.ftl raw.img 2>/dev/null
"$FTL" collect disk -c one.ftl virt/disk.vhd 2> again.err
expect_grep "already in the case as evidence #1" again.err
expect_eq "read-only" "$(sha256sum virt/* | sha256sum)" "$before"
