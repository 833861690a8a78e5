/* A QEMU TCG plugin that counts executed guest instructions and prints "mote-instructions: N" when the emulation
   ends (through QEMU's log, so run QEMU with -d plugin). Debian's QEMU 7.2 loads plugins with -plugin but ships no
   qemu-plugin.h, so the few declarations of plugin API version 1 used here are written out below.

   Counting: when QEMU translates a block of guest code it calls on_translate, which attaches an inline "add the
   block's instruction count to the counter" to the block; every execution of the block then adds that count without
   a call back into this plugin. A block left early (a fault, the semihosting exit) counts whole, which is the same
   in the two runs whose difference Mote reports.

   Profiling (plugin argument profile=on): every translated block also gets a record of its guest address and size
   and an inline "add one" to the record's execution count; at the end each record is printed as
   "mote-block: ADDRESS INSTRUCTIONS EXECUTIONS" (hexadecimal address), for Mote to attribute to functions. A block
   translated twice has two records; Mote adds them up. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_info_t;
struct qemu_plugin_tb;

enum qemu_plugin_op
{
    QEMU_PLUGIN_INLINE_ADD_U64,
};

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb* tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void* userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb* tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb* tb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb* tb, enum qemu_plugin_op op, void* ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void* userdata);
void qemu_plugin_outs(const char* string);

int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t* info, int argc, char** argv);

/* The API version this plugin was written against; QEMU refuses a plugin without it. */
int qemu_plugin_version = 1;

/* One counter: the boards Mote runs have a single core. */
static uint64_t instructions;

/* A translated block under profiling; records are never freed, since QEMU keeps adding to them until it exits. */
struct block
{
    uint64_t address;
    uint64_t instructions;
    uint64_t executions;
    struct block* next;
};

static int profiling;
static struct block* blocks;

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb* tb)
{
    struct block* block;
    (void)id;
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &instructions, qemu_plugin_tb_n_insns(tb));
    if (!profiling)
    {
        return;
    }

    block = calloc(1, sizeof(*block));
    if (block == NULL)
    {
        /* Without a record the profile would silently miss instructions; the missing line makes Mote refuse it. */
        profiling = 0;
        qemu_plugin_outs("mote-profile: out of memory\n");
        return;
    }

    block->address = qemu_plugin_tb_vaddr(tb);
    block->instructions = qemu_plugin_tb_n_insns(tb);
    block->next = blocks;
    blocks = block;
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &block->executions, 1);
}

static void on_emulation_end(qemu_plugin_id_t id, void* userdata)
{
    char line[96];
    (void)id;
    (void)userdata;
    if (profiling)
    {
        const struct block* block;
        for (block = blocks; block != NULL; block = block->next)
        {
            snprintf(line, sizeof(line), "mote-block: %llx %llu %llu\n", (unsigned long long)block->address,
                (unsigned long long)block->instructions, (unsigned long long)block->executions);
            qemu_plugin_outs(line);
        }

        qemu_plugin_outs("mote-profile: complete\n");
    }

    snprintf(line, sizeof(line), "mote-instructions: %llu\n", (unsigned long long)instructions);
    qemu_plugin_outs(line);
}

int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t* info, int argc, char** argv)
{
    int i;
    (void)info;
    for (i = 0; i < argc; i++)
    {
        profiling |= strcmp(argv[i], "profile=on") == 0;
    }

    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_emulation_end, NULL);
    return 0;
}
