#include "mote_lut_s8.h"

void mote_lut_s8(const int8_t* table, int32_t size, const int8_t* input, int8_t* output)
{
    int32_t i;
    for (i = 0; i < size; i++)
    {
        output[i] = table[input[i] + 128];
    }
}
