/* Mote C runtime: UNIDIRECTIONAL_SEQUENCE_LSTM with int8 activations and weights and an int16 cell state (no peephole,
   projection or layer norm), TFLM's integer kernel bit for bit. Per time step and unit, each gate is FC(input) +
   FC(hidden), both requantized to Q3.12 and added with saturation, then TFLite's table sigmoid (tanh for the cell gate)
   in Q0.15; cell = forget * cell + input * cell gate, clipped; output = output gate * tanh(cell). A unit's gates read
   only the previous hidden state, so each unit is finished at once; the hidden state takes the step's outputs after it. */
#ifndef MOTE_LSTM_S8_H
#define MOTE_LSTM_S8_H

#include "mote_common.h"

typedef struct
{
    const int8_t* input_weights;     /* [units][inputs] */
    const int8_t* recurrent_weights; /* [units][units] */
    const int32_t* input_bias;       /* the gate's bias - input zero point * each input weight row's sum */
    const int32_t* recurrent_bias;   /* -hidden zero point * each recurrent weight row's sum; NULL when that is 0 */
    int32_t input_multiplier;        /* FC(input) to Q3.12 */
    int32_t input_shift;
    int32_t recurrent_multiplier;    /* FC(hidden) to Q3.12 */
    int32_t recurrent_shift;
} mote_lstm_gate;

typedef struct
{
    int32_t batches;
    int32_t steps;
    int32_t inputs;
    int32_t units;
    int32_t time_major;               /* input [steps][batches][inputs], else [batches][steps][inputs] */
    const mote_lstm_gate* input_gate;
    const mote_lstm_gate* forget_gate;
    const mote_lstm_gate* cell_gate;
    const mote_lstm_gate* output_gate;
    int32_t gate_multiplier;          /* a Q3.12 pre-activation times this steps through the table at 512 per entry */
    int32_t forget_multiplier;        /* forget gate * cell state to the cell state's scale */
    int32_t forget_shift;
    int32_t input_multiplier;         /* input gate * cell gate to the cell state's scale */
    int32_t input_shift;
    int32_t output_multiplier;        /* output gate * tanh(cell) to the hidden state's scale */
    int32_t output_shift;
    int32_t hidden_zero_point;
    int32_t cell_clip;                /* in the cell state's scale; 0 for none */
    int32_t tanh_multiplier;          /* the cell state into tanh: (cell * multiplier + rounding) >> shift */
    int32_t tanh_shift;
    const uint16_t* sigmoid_table;    /* TFLite's 256 values of sigmoid(i / 24) in Q0.16 */
} mote_lstm_params;

/* hidden ([batches][units], int8) and cell ([batches][units], int16) are the state, updated in place. */
void mote_lstm_s8(const mote_lstm_params* p, const int8_t* input, int8_t* hidden, int16_t* cell, int8_t* output);

#endif
