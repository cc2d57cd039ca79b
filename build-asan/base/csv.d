build-asan/base/csv.o: base/csv.c base/buf.h base/base.h base/csv.h
base/buf.h:
base/base.h:
base/csv.h:
