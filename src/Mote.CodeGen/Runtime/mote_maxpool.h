/* Mote C runtime: int8 or int16 MAX_POOL_2D over NHWC: the maximum over the part of the window inside the image,
   clamped to the fused activation's range (TFLM's reference kernel). */
#ifndef MOTE_MAXPOOL_H
#define MOTE_MAXPOOL_H

#include "mote_avgpool_s8.h"

/* element_size is 1 (int8) or 2 (int16). */
void mote_maxpool(const mote_pool_params* p, int32_t element_size, const void* input, void* output);

#endif
