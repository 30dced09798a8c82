#ifndef SIFTWIRE_CZEROMQ_SHIM_H
#define SIFTWIRE_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
