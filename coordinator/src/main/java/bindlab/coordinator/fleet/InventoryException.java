// A bad inventory: the message names the file, the line and the field.
package bindlab.coordinator.fleet;

public final class InventoryException extends IllegalArgumentException {
    public InventoryException(String file, int line, String field, String problem) {
        super(file + ":" + line + ": " + field + ": " + problem);
    }
}
