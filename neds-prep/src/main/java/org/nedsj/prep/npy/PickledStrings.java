package org.nedsj.prep.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strings of a numpy object array saved with {@code np.save(..., allow_pickle=True)}. The pickle
 * is interpreted symbolically: calls are recorded, never made, and only the globals numpy's own
 * array pickle names ({@code _reconstruct}, {@code ndarray}, {@code dtype}) are accepted. The result
 * must be an object array whose elements are str or None; anything else is refused with a message
 * that names what was found (nothing in the file is ever executed).
 */
final class PickledStrings {

    private static final Set<String> NUMPY_GLOBALS = Set.of("numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
            "numpy.ndarray", "numpy.dtype");
    private static final String FIX = "; save the array as numpy unicode instead: np.save(file, np.asarray(values, dtype=str))";
    private static final Object MARK = new Object();

    private record Global(String name) {
    }

    /** A call the pickle asks for, recorded and not made; {@code state} is what BUILD set on its result. */
    private static final class Call {
        final Global callable;
        final List<Object> args;
        Object state;

        Call(Global callable, List<Object> args) {
            this.callable = callable;
            this.args = args;
        }
    }

    private final Path file;
    private final ByteBuffer in;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Deque<Deque<Object>> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private PickledStrings(Path file, byte[] bytes, int offset) {
        this.file = file;
        this.in = ByteBuffer.wrap(bytes, offset, bytes.length - offset).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String[] read(Path file, byte[] bytes, int offset, int count) {
        Object result = new PickledStrings(file, bytes, offset).run();
        List<?> elements = elements(file, result);
        if (elements.size() != count) {
            throw new NpyFormatException(file, "the header's shape says " + count + " elements, the pickle holds " + elements.size()
                    + "; write the file again");
        }
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            Object e = elements.get(i);
            if (e != null && !(e instanceof String)) {
                throw new NpyFormatException(file, "element " + i + " of the object array is not a string (" + describe(e) + ")" + FIX);
            }
            out[i] = e == null || ((String) e).isEmpty() ? null : (String) e;
        }
        return out;
    }

    /** The element list of numpy's {@code _reconstruct(ndarray, (0,), b'b')} with state (version, shape, dtype('O'), fortran, list). */
    private static List<?> elements(Path file, Object result) {
        if (!(result instanceof Call array) || !array.callable.name().endsWith("._reconstruct")
                || !(array.state instanceof List<?> state) || state.size() != 5) {
            throw new NpyFormatException(file, "the object array's pickle is not numpy's plain array (" + describe(result) + ")" + FIX);
        }
        if (!(state.get(2) instanceof Call dtype) || !dtype.callable.name().equals("numpy.dtype") || dtype.args.isEmpty()
                || !String.valueOf(dtype.args.get(0)).startsWith("O")) {
            throw new NpyFormatException(file, "the pickled array's dtype is not object (" + describe(state.get(2)) + ")" + FIX);
        }
        if (!(state.get(1) instanceof List<?> shape) || shape.size() != 1) {
            throw new NpyFormatException(file, "the pickled array is not one-dimensional (shape " + state.get(1) + ")" + FIX);
        }
        if (!(state.get(4) instanceof List<?> list)) {
            throw new NpyFormatException(file, "the pickled array holds no element list (" + describe(state.get(4)) + ")" + FIX);
        }
        return list;
    }

    private static String describe(Object o) {
        if (o instanceof Call c) {
            return "a call of " + c.callable.name();
        }
        if (o instanceof Global g) {
            return g.name();
        }
        return o == null ? "None" : o.getClass().getSimpleName() + " " + o;
    }

    private Object run() {
        while (true) {
            if (!in.hasRemaining()) {
                throw refuse("the pickle ends without STOP; the file is truncated");
            }
            int op = Byte.toUnsignedInt(in.get());
            switch (op) {
                case 0x80 -> in.get();                                    // PROTO
                case 0x95 -> in.getLong();                                // FRAME
                case 'c' -> push(global(line() + "." + line()));          // GLOBAL
                case 0x93 -> {                                            // STACK_GLOBAL
                    Object name = pop();
                    push(global(pop() + "." + name));
                }
                case 'q' -> memo.put((long) Byte.toUnsignedInt(in.get()), peek());             // BINPUT
                case 'r' -> memo.put(Integer.toUnsignedLong(in.getInt()), peek());             // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek());                             // MEMOIZE
                case 'h' -> push(recall(Byte.toUnsignedInt(in.get())));                        // BINGET
                case 'j' -> push(recall(Integer.toUnsignedLong(in.getInt())));                 // LONG_BINGET
                case 'K' -> push((long) Byte.toUnsignedInt(in.get()));                         // BININT1
                case 'M' -> push((long) Short.toUnsignedInt(in.getShort()));                   // BININT2
                case 'J' -> push((long) in.getInt());                                          // BININT
                case 0x8a -> push(long1(Byte.toUnsignedInt(in.get())));                        // LONG1
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong())));    // BINFLOAT (big-endian)
                case 'C' -> push(bytes(Byte.toUnsignedInt(in.get())));                         // SHORT_BINBYTES
                case 'B' -> push(bytes(length(Integer.toUnsignedLong(in.getInt()))));          // BINBYTES
                case 0x8e -> push(bytes(length(in.getLong())));                                // BINBYTES8
                case 0x8c -> push(text(Byte.toUnsignedInt(in.get())));                         // SHORT_BINUNICODE
                case 'X' -> push(text(length(Integer.toUnsignedLong(in.getInt()))));           // BINUNICODE
                case 0x8d -> push(text(length(in.getLong())));                                 // BINUNICODE8
                case 'U' -> push(latin1(Byte.toUnsignedInt(in.get())));                        // SHORT_BINSTRING (Python 2 str)
                case 'T' -> push(latin1(length(Integer.toUnsignedLong(in.getInt()))));         // BINSTRING
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case '(' -> {                                                                  // MARK
                    marks.push(new ArrayDeque<>(stack));
                    stack.clear();
                }
                case 't' -> push(Collections.unmodifiableList(popMark()));               // TUPLE
                case 'l' -> push(new ArrayList<>(popMark()));                                  // LIST
                case ')' -> push(List.of());
                case 0x85 -> push(tuple(1));
                case 0x86 -> push(tuple(2));
                case 0x87 -> push(tuple(3));
                case ']' -> push(new ArrayList<>());
                case 'a' -> {                                                                  // APPEND
                    Object v = pop();
                    list(peek()).add(v);
                }
                case 'e' -> {                                                                  // APPENDS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case 'R', 0x81 -> {                                                            // REDUCE, NEWOBJ
                    Object args = pop();
                    Object callable = pop();
                    if (!(callable instanceof Global g) || !(args instanceof List<?> a)) {
                        throw refuse("a call of " + describe(callable));
                    }
                    push(new Call(g, new ArrayList<>(a)));
                }
                case 'b' -> {                                                                  // BUILD
                    Object state = pop();
                    if (!(peek() instanceof Call c)) {
                        throw refuse("state set on " + describe(peek()));
                    }
                    c.state = state;
                }
                case '.' -> {
                    return pop();
                }
                default -> throw refuse("pickle opcode 0x" + Integer.toHexString(op) + ", which numpy's pickle of a string array does not use");
            }
        }
    }

    private Global global(String name) {
        if (!NUMPY_GLOBALS.contains(name)) {
            throw refuse("a reference to " + name + ", which is not numpy's array reconstruction (it was not run)");
        }
        return new Global(name);
    }

    private NpyFormatException refuse(String what) {
        return new NpyFormatException(file, "this object array's pickle is refused: it holds " + what
                + "; only numpy object arrays of str and None are read, and nothing in them is executed" + FIX);
    }

    private void push(Object o) {
        stack.push(o == null ? NullValue.INSTANCE : o);
    }

    private Object pop() {
        if (stack.isEmpty()) {
            throw refuse("an operation on an empty stack (the pickle is damaged)");
        }
        Object o = stack.pop();
        return o == NullValue.INSTANCE ? null : o;
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw refuse("an operation on an empty stack (the pickle is damaged)");
        }
        Object o = stack.peek();
        return o == NullValue.INSTANCE ? null : o;
    }

    /** ArrayDeque refuses null: None is held as this. */
    private enum NullValue { INSTANCE }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw refuse("a MARK-less collection (the pickle is damaged)");
        }
        List<Object> items = new ArrayList<>();
        while (!stack.isEmpty()) {
            items.add(0, pop());
        }
        stack.addAll(marks.pop());
        return items;
    }

    private List<Object> tuple(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) {
        if (o instanceof ArrayList<?> l) {
            return (List<Object>) l;
        }
        throw refuse("an append to " + describe(o));
    }

    private Object recall(long key) {
        if (!memo.containsKey(key)) {
            throw refuse("a reference to memo entry " + key + " that was never stored (the pickle is damaged)");
        }
        return memo.get(key);
    }

    private String line() {
        StringBuilder s = new StringBuilder();
        while (in.hasRemaining()) {
            char c = (char) Byte.toUnsignedInt(in.get());
            if (c == '\n') {
                return s.toString();
            }
            s.append(c);
        }
        throw refuse("an unterminated global name (the pickle is damaged)");
    }

    private int length(long n) {
        if (n < 0 || n > in.remaining()) {
            throw refuse("a string of " + n + " bytes where " + in.remaining() + " remain (the pickle is damaged)");
        }
        return (int) n;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[length(n)];
        in.get(b);
        return b;
    }

    private String text(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String latin1(int n) {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    private long long1(int n) {
        byte[] b = bytes(n);
        if (n > 8) {
            throw refuse("an integer of " + n + " bytes");
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | Byte.toUnsignedInt(b[i]);
        }
        if (n > 0 && n < 8 && b[n - 1] < 0) {
            v -= 1L << (8 * n);
        }
        return v;
    }
}
