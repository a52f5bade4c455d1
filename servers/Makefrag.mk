# servers: the programs of the running system, as opposed to tests: the
# root task (boot module 0, starts the others: doc/roottask.md) and the
# Hurd-problem demo's page server and client (doc/roottask.md, "The Hurd
# problem").  libvg programs linked with libhurd-mm (spawn).

USER_PROGS += servers/roottask servers/pageserv servers/pageclient
USER_LIBS_roottask := $(LIBHURD_MM)
ROOT_TASK_ELF := $(O)/user/roottask.elf
$(O)/u/servers/roottask.o $(O)/u/servers/pageserv.o $(O)/u/servers/pageclient.o: \
	UEXTRA := -Ilibhurd-mm/include
