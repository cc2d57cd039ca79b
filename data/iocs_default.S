/*
 * data/iocs_default.S - the default indicator pack, compiled into ftl
 *
 * The CSV text of data/iocs/default.csv becomes the read-only symbol
 * ftl_iocs_default_csv, followed by a NUL so that C can read it as one
 * string.  timeline/iocs_load.c parses it with the same code as a pack
 * file.
 * The path is relative to the repository root, where make runs.
 *
 * SPDX-License-Identifier: MIT
 */
    .section .rodata
    .global ftl_iocs_default_csv
    .type ftl_iocs_default_csv, @object
    .balign 16
ftl_iocs_default_csv:
    .incbin "data/iocs/default.csv"
    .byte 0
    .size ftl_iocs_default_csv, . - ftl_iocs_default_csv

/* No executable stack for the program that links this. */
    .section .note.GNU-stack,"",@progbits
