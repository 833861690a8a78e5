/* A QEMU TCG plugin that counts executed guest instructions and prints "mote-instructions: N" when the emulation
   ends (through QEMU's log, so run QEMU with -d plugin). Debian's QEMU 7.2 loads plugins with -plugin but ships no
   qemu-plugin.h, so the few declarations of plugin API version 1 used here are written out below.

   Counting: when QEMU translates a block of guest code it calls on_translate, which attaches an inline "add the
   block's instruction count to the counter" to the block; every execution of the block then adds that count without
   a call back into this plugin. A block left early (a fault, the semihosting exit) counts whole, which is the same
   in the two runs whose difference Mote reports. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb* tb, enum qemu_plugin_op op, void* ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void* userdata);
void qemu_plugin_outs(const char* string);

int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t* info, int argc, char** argv);

/* The API version this plugin was written against; QEMU refuses a plugin without it. */
int qemu_plugin_version = 1;

/* One counter: the boards Mote runs have a single core. */
static uint64_t instructions;

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb* tb)
{
    (void)id;
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &instructions, qemu_plugin_tb_n_insns(tb));
}

static void on_emulation_end(qemu_plugin_id_t id, void* userdata)
{
    char line[64];
    (void)id;
    (void)userdata;
    snprintf(line, sizeof(line), "mote-instructions: %llu\n", (unsigned long long)instructions);
    qemu_plugin_outs(line);
}

int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t* info, int argc, char** argv)
{
    (void)info;
    (void)argc;
    (void)argv;
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_emulation_end, NULL);
    return 0;
}
