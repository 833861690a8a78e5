/* Mote C runtime: int8 or int16 ADD or SUB with broadcasting, through TFLM's general requantizing path (the
   arithmetic of mote_add_s8). The output is walked in order; each input steps by 0 along the axes it broadcasts. */
#ifndef MOTE_ADD_SUB_H
#define MOTE_ADD_SUB_H

#include "mote_add_s8.h"

#define MOTE_ADD_SUB_MAX_RANK 6

typedef struct
{
    mote_add_params arithmetic;
    int32_t element_size; /* 1 (int8) or 2 (int16) */
    int32_t subtract;     /* 1: input1 - input2 */
    int32_t rank;         /* 1 to MOTE_ADD_SUB_MAX_RANK, outermost axis first */
    int32_t dims[MOTE_ADD_SUB_MAX_RANK];
    int32_t input1_steps[MOTE_ADD_SUB_MAX_RANK]; /* in elements */
    int32_t input2_steps[MOTE_ADD_SUB_MAX_RANK];
} mote_add_sub_params;

/* Element i is read before it is written, so output may be an input of the output's shape (the planner shares them). */
void mote_add_sub(const mote_add_sub_params* p, const void* input1, const void* input2, void* output);

#endif
