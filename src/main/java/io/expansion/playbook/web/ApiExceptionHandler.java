package io.expansion.playbook.web;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every refused request gets the same JSON shape: status, error and a message naming the cause. */
@RestControllerAdvice
class ApiExceptionHandler {

  record ApiError(int status, String error, String message, OffsetDateTime at) {
    static ResponseEntity<ApiError> of(HttpStatus status, String message) {
      return ResponseEntity.status(status)
          .body(
              new ApiError(
                  status.value(), status.getReasonPhrase(), message, OffsetDateTime.now()));
    }
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return ApiError.of(e.status(), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    String message = "Malformed JSON request body";
    Throwable cause = e.getCause();
    if (cause instanceof InvalidFormatException invalid) {
      message =
          "Invalid value "
              + invalid.getValue()
              + " for field '"
              + path(invalid)
              + "': expected "
              + invalid.getTargetType().getSimpleName();
    } else if (cause instanceof MismatchedInputException mismatched
        && !path(mismatched).isEmpty()) {
      message = "Invalid value for field '" + path(mismatched) + "'";
    } else if (cause != null && cause.getMessage() != null) {
      message = "Malformed JSON request body: " + firstLine(cause.getMessage());
    }
    return ApiError.of(HttpStatus.BAD_REQUEST, message);
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
    String message =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> "'" + f.getField() + "' " + f.getDefaultMessage())
            .sorted()
            .collect(Collectors.joining("; "));
    return ApiError.of(HttpStatus.BAD_REQUEST, "Invalid request: " + message);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
    return ApiError.of(
        HttpStatus.BAD_REQUEST, "Invalid value '" + e.getValue() + "' for '" + e.getName() + "'");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return ApiError.of(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send JSON with Content-Type: application/json");
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    int source = line.indexOf(" at [Source");
    return source < 0 ? line : line.substring(0, source);
  }
}
