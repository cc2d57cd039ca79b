/*
 * base/version.c - the version of ftl with the git revision it is built
 * from
 *
 * The revision comes from the header that make writes from 'git
 * describe --always --dirty' (see the Makefile), "unknown" when the tree
 * was built outside git.  Only this file includes it, so a new commit
 * recompiles this file and relinks ftl, and nothing else.
 *
 * SPDX-License-Identifier: MIT
 */
#include "base/base.h"
#include "base/revision.h"    /* made by make in build/base/ */

const char ftl_tool_version[] = "ftl " FTL_VERSION " (git " FTL_REVISION ")";
