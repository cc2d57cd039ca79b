/*
 * data/rules_default.S - the default data-category rules, compiled into ftl
 *
 * The CSV text of data/rules/default.csv becomes the read-only symbol
 * ftl_rules_default_csv, followed by a NUL so that C can read it as one
 * string.  collectors/hr/rules.c parses it with the same code as a
 * --rules file.  The path is relative to the repository root, where make
 * runs.
 *
 * SPDX-License-Identifier: MIT
 */
    .section .rodata
    .global ftl_rules_default_csv
    .type ftl_rules_default_csv, @object
    .balign 16
ftl_rules_default_csv:
    .incbin "data/rules/default.csv"
    .byte 0
    .size ftl_rules_default_csv, . - ftl_rules_default_csv

/* No executable stack for the program that links this. */
    .section .note.GNU-stack,"",@progbits
