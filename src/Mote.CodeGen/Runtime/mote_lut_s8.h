/* Mote C runtime: an int8 function of one int8 value through a 256-entry table made at generation time by the
   interpreter's own arithmetic (LOGISTIC and TANH: gemmlowp's fixed-point functions, as TFLM). */
#ifndef MOTE_LUT_S8_H
#define MOTE_LUT_S8_H

#include "mote_common.h"

/* table[v + 128] is the output for input v. Element i is read before it is written, so output may be input. */
void mote_lut_s8(const int8_t* table, int32_t size, const int8_t* input, int8_t* output);

#endif
