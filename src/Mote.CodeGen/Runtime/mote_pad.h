/* Mote C runtime: PAD and PADV2 for 1-, 2- and 4-byte elements: the output is filled, then the input is copied into
   its interior (the copy's output_start and output_steps place it). */
#ifndef MOTE_PAD_H
#define MOTE_PAD_H

#include "mote_copy.h"

typedef struct
{
    int32_t output_size; /* elements */
    int32_t fill;        /* the pad value (the output zero point unless PADV2 gives one) */
    mote_copy_params copy;
} mote_pad_params;

void mote_pad(const mote_pad_params* p, const void* input, void* output);

#endif
