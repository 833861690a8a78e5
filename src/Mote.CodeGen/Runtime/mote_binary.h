/* Mote C runtime: ADD, SUB (int8 or int16) and MUL (int8) with broadcasting, with TFLM's arithmetic: ADD and SUB
   through the general requantizing path of mote_add_s8, MUL as the product of the inputs without their zero points
   requantized once. The output is walked in order; each input steps by 0 along the axes it broadcasts. */
#ifndef MOTE_BINARY_H
#define MOTE_BINARY_H

#include "mote_add_s8.h"

#define MOTE_BINARY_MAX_RANK 6

typedef enum
{
    MOTE_BINARY_ADD,
    MOTE_BINARY_SUB,
    MOTE_BINARY_MUL
} mote_binary_operation;

typedef struct
{
    /* MUL uses the offsets, the output multiplier and shift (scale1 * scale2 / output scale), the output offset and
       the activation range, and none of the input multipliers. */
    mote_add_params arithmetic;
    int32_t operation;    /* a mote_binary_operation */
    int32_t element_size; /* 1 (int8) or 2 (int16) */
    int32_t rank;         /* 1 to MOTE_BINARY_MAX_RANK, outermost axis first */
    int32_t dims[MOTE_BINARY_MAX_RANK];
    int32_t input1_steps[MOTE_BINARY_MAX_RANK]; /* in elements */
    int32_t input2_steps[MOTE_BINARY_MAX_RANK];
} mote_binary_params;

/* Element i is read before it is written, so output may be an input of the output's shape (the planner shares them). */
void mote_binary(const mote_binary_params* p, const void* input1, const void* input2, void* output);

#endif
