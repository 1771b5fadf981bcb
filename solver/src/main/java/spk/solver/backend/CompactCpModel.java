package spk.solver.backend;

import com.google.ortools.sat.BoolArgumentProto;
import com.google.ortools.sat.ConstraintProto;
import com.google.ortools.sat.CpModelProto;
import com.google.ortools.sat.DecisionStrategyProto;
import com.google.ortools.sat.IntegerVariableProto;
import com.google.ortools.sat.LinearExpressionProto;
import com.google.ortools.sat.PartialVariableAssignment;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;

/**
 * The CP model of one CP-SAT solve, written straight to the bytes of a {@code CpModelProto}: only
 * the variables not fixed false ({@link NegativeOnlyVariables}), numbered afresh from 0, and only
 * the constraints fixing them did not satisfy. On an explanation's check that is about half of
 * the model; CP-SAT builds its solver from every variable it is given, fixed or not, and building
 * message objects for each solve and serialising them cost more Java time than writing the bytes
 * (docs/benchmarks.md).
 */
final class CompactCpModel {
    private static final byte[] BOOLEAN = IntegerVariableProto.newBuilder().addDomain(0).addDomain(1).build().toByteArray();
    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    /** Our variable (1-based) → CP-SAT's index, or -1 when fixed false. */
    private final int[] indexOf;
    /** CP-SAT's index → our variable. */
    private final int[] varOf;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes, 1 << 14);

    /** Starts a model of the variables 1..{@code varCount} not in {@code fixedFalse}. */
    CompactCpModel(int varCount, BitSet fixedFalse) {
        indexOf = new int[varCount + 1];
        varOf = new int[varCount - fixedFalse.cardinality()];
        int n = 0;
        for (int v = 1; v <= varCount; v++) {
            if (fixedFalse.get(v)) {
                indexOf[v] = -1;
            } else {
                indexOf[v] = n;
                varOf[n++] = v;
            }
        }
        try {
            for (int i = 0; i < n; i++) {
                out.writeByteArray(CpModelProto.VARIABLES_FIELD_NUMBER, BOOLEAN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether our variable is in the model (not fixed false). */
    boolean has(int var) {
        return var < indexOf.length && indexOf[var] >= 0;
    }

    /** CP-SAT's reference to our literal, whose variable must be in the model. */
    int ref(int literal) {
        int index = indexOf[Math.abs(literal)];
        if (index < 0) {
            throw new IllegalStateException("variable " + Math.abs(literal) + " is fixed, not in the model");
        }
        return literal > 0 ? index : -index - 1;
    }

    /** Our literal for CP-SAT's reference. */
    int literal(int ref) {
        return ref >= 0 ? varOf[ref] : -varOf[-ref - 1];
    }

    /** Our variable for CP-SAT's index. */
    int var(int index) {
        return varOf[index];
    }

    /** How many variables the model has. */
    int size() {
        return varOf.length;
    }

    /**
     * A clause, or an at-most-one constraint; literals whose variable is fixed false are left out
     * (true in a clause's place would make it satisfied, which the caller has left out already).
     */
    void constraint(int[] literals, boolean atMostOne) {
        int size = 0;
        int count = 0;
        for (int l : literals) {
            if (has(Math.abs(l))) {
                size += CodedOutputStream.computeInt32SizeNoTag(ref(l));
                count++;
            } else if (!atMostOne || l < 0) {
                throw new IllegalStateException("a constraint left in the model holds through a fixed variable");
            }
        }
        int field = atMostOne ? ConstraintProto.AT_MOST_ONE_FIELD_NUMBER : ConstraintProto.BOOL_OR_FIELD_NUMBER;
        int argument = count == 0 ? 0 : tagged(BoolArgumentProto.LITERALS_FIELD_NUMBER, size);
        try {
            out.writeTag(CpModelProto.CONSTRAINTS_FIELD_NUMBER, LENGTH_DELIMITED);
            out.writeUInt32NoTag(tagged(field, argument));
            out.writeTag(field, LENGTH_DELIMITED);
            out.writeUInt32NoTag(argument);
            if (count > 0) {
                out.writeTag(BoolArgumentProto.LITERALS_FIELD_NUMBER, LENGTH_DELIMITED);
                out.writeUInt32NoTag(size);
                for (int l : literals) {
                    if (has(Math.abs(l))) {
                        out.writeInt32NoTag(ref(l));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The clauses (¬{@code head} ∨ l) for each of {@code literals}, as one constraint: "head
     * implies all of them". CP-SAT reads and copies one message per constraint, and most clauses
     * of a solve are such implications (a build's requirements, a request's candidates): a
     * tenth less of its time a call.
     */
    void implications(int head, int[] literals) {
        int size = 0;
        for (int i = 0; i < literals.length; i++) {
            size += CodedOutputStream.computeInt32SizeNoTag(ref(literals[i]));
        }
        int headRef = ref(head);
        int enforcement = tagged(ConstraintProto.ENFORCEMENT_LITERAL_FIELD_NUMBER,
                CodedOutputStream.computeInt32SizeNoTag(headRef));
        int argument = tagged(BoolArgumentProto.LITERALS_FIELD_NUMBER, size);
        try {
            out.writeTag(CpModelProto.CONSTRAINTS_FIELD_NUMBER, LENGTH_DELIMITED);
            out.writeUInt32NoTag(enforcement + tagged(ConstraintProto.BOOL_AND_FIELD_NUMBER, argument));
            out.writeTag(ConstraintProto.ENFORCEMENT_LITERAL_FIELD_NUMBER, LENGTH_DELIMITED);
            out.writeUInt32NoTag(CodedOutputStream.computeInt32SizeNoTag(headRef));
            out.writeInt32NoTag(headRef);
            out.writeTag(ConstraintProto.BOOL_AND_FIELD_NUMBER, LENGTH_DELIMITED);
            out.writeUInt32NoTag(argument);
            out.writeTag(BoolArgumentProto.LITERALS_FIELD_NUMBER, LENGTH_DELIMITED);
            out.writeUInt32NoTag(size);
            for (int l : literals) {
                out.writeInt32NoTag(ref(l));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of a length-delimited field of {@code size} bytes with its tag. */
    private static int tagged(int field, int size) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }

    /**
     * CP-SAT's fixed search: the first of {@code order} (our variables) not yet fixed, tried true;
     * variables fixed false here are left out.
     */
    void strategy(int[] order) {
        DecisionStrategyProto.Builder s = DecisionStrategyProto.newBuilder()
                .setVariableSelectionStrategy(DecisionStrategyProto.VariableSelectionStrategy.CHOOSE_FIRST)
                .setDomainReductionStrategy(DecisionStrategyProto.DomainReductionStrategy.SELECT_MAX_VALUE);
        boolean any = false;
        for (int c : order) {
            if (has(c)) {
                s.addExprs(LinearExpressionProto.newBuilder().addVars(ref(c)).addCoeffs(1));
                any = true;
            }
        }
        if (any) {
            message(CpModelProto.SEARCH_STRATEGY_FIELD_NUMBER, s.build());
        }
    }

    /** Values to try first for our variables {@code vars} (those in the model). */
    void hint(int[] vars, boolean[] values) {
        PartialVariableAssignment.Builder h = PartialVariableAssignment.newBuilder();
        for (int i = 0; i < vars.length; i++) {
            if (has(vars[i])) {
                h.addVars(ref(vars[i])).addValues(values[i] ? 1 : 0);
            }
        }
        message(CpModelProto.SOLUTION_HINT_FIELD_NUMBER, h.build());
    }

    /** Literals that must hold in this solve; CP-SAT names a subset of them when it finds none can. */
    void assumptions(int[] literals) {
        try {
            for (int a : literals) {
                out.writeInt32(CpModelProto.ASSUMPTIONS_FIELD_NUMBER, ref(a));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void message(int field, com.google.protobuf.MessageLite m) {
        try {
            out.writeMessage(field, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's bytes, a serialised {@code CpModelProto}. */
    byte[] bytes() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
