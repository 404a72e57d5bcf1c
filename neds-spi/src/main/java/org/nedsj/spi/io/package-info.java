/** File-system helpers every module that writes folders shares: the folder lock. */
package org.nedsj.spi.io;
