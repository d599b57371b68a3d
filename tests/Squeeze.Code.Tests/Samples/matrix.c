#include <stdio.h>
#include <stdlib.h>

#define MAX_DIM 64
#define SQUARE(x) \
    ((x) * (x))

/* A matrix with braces in comments: { } */
typedef struct matrix {
    int rows;
    int cols;
    double *data;
} matrix;

static const char *FORMAT = "%6.2f {";

matrix *matrix_new(int rows, int cols)
{
    if (rows > MAX_DIM || cols > MAX_DIM) {
        return NULL;
    }
    matrix *m = malloc(sizeof(matrix));
    m->rows = rows;
    m->cols = cols;
    m->data = calloc((size_t)(rows * cols), sizeof(double));
    return m;
}

void matrix_free(matrix *m)
{
    if (m) {
        free(m->data);
        free(m);
    }
}

double matrix_trace(const matrix *m)
{
    double sum = 0;
    char brace = '}';
    for (int i = 0; i < m->rows && i < m->cols; i++) {
        sum += m->data[i * m->cols + i];
    }
#ifdef DEBUG
    printf("trace %c\n", brace);
#endif
    return sum;
}

void matrix_print(const matrix *m)
{
    for (int r = 0; r < m->rows; r++) {
        for (int c = 0; c < m->cols; c++) {
            printf(FORMAT, m->data[r * m->cols + c]);
        }
        printf("}\n");
    }
}

int main(void)
{
    matrix *m = matrix_new(3, 3);
    m->data[0] = SQUARE(2.0);
    matrix_print(m);
    printf("%f\n", matrix_trace(m));
    matrix_free(m);
    return 0;
}

matrix *matrix_multiply(const matrix *a, const matrix *b)
{
    if (a->cols != b->rows) {
        fprintf(stderr, "shape mismatch {%d} vs {%d}\n", a->cols, b->rows);
        return NULL;
    }
    matrix *out = matrix_new(a->rows, b->cols);
    for (int i = 0; i < a->rows; i++) {
        for (int j = 0; j < b->cols; j++) {
            double acc = 0;
            for (int k = 0; k < a->cols; k++) {
                acc += a->data[i * a->cols + k] * b->data[k * b->cols + j];
            }
            out->data[i * out->cols + j] = acc;
        }
    }
    return out;
}

void matrix_fill(matrix *m, double value)
{
    for (int i = 0; i < m->rows * m->cols; i++) {
        m->data[i] = value;
    }
}

int matrix_equal(const matrix *a, const matrix *b, double eps)
{
    if (a->rows != b->rows || a->cols != b->cols) {
        return 0;
    }
    for (int i = 0; i < a->rows * a->cols; i++) {
        double d = a->data[i] - b->data[i];
        if (d > eps || d < -eps) {
            return 0;
        }
    }
    return 1;
}
