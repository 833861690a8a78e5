/* Mote C runtime: elements of int8, int16 or int32 tensors read and written by their size in bytes, for the
   elementwise kernels that serve several integer types with one loop (the size is a constant of the layer). */
#ifndef MOTE_VALUES_H
#define MOTE_VALUES_H

#include "mote_common.h"

static inline int32_t mote_get(const void* data, int32_t i, int32_t size)
{
    return size == 1 ? ((const int8_t*)data)[i] : size == 2 ? ((const int16_t*)data)[i] : ((const int32_t*)data)[i];
}

/* value must already lie in the element type's range. */
static inline void mote_set(void* data, int32_t i, int32_t size, int32_t value)
{
    if (size == 1)
    {
        ((int8_t*)data)[i] = (int8_t)value;
    }
    else if (size == 2)
    {
        ((int16_t*)data)[i] = (int16_t)value;
    }
    else
    {
        ((int32_t*)data)[i] = value;
    }
}

/* a - b with two's-complement wrap-around, as the interpreter's int arithmetic (int32 inputs minus a zero point). */
static inline int32_t mote_sub_wrap(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a - (uint32_t)b);
}

#endif
