/**
 * rjsf with the ajv 2020-12 validator (procedure schemas are draft 2020-12) and Vietnamese
 * buttons. Used for the e-form preview, the citizen's e-form and officers' action forms.
 */
import Form from '@rjsf/core';
import type { UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const validator = customizeValidator({ AjvClass: Ajv2020 });

export interface SchemaFormProps {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  formData?: unknown;
  onChange?: (data: unknown) => void;
  onSubmit?: (data: unknown) => void;
  submitLabel?: string;
  disabled?: boolean;
  /** Extra content before the submit button (e.g. fees). */
  children?: ReactNode;
  idPrefix?: string;
}

export function SchemaForm({ schema, uiSchema, formData, onChange, onSubmit, submitLabel, disabled, children, idPrefix }: SchemaFormProps) {
  const { t } = useTranslation();
  const { $schema: _ignored, ...rest } = schema;
  return (
    <Form
      schema={rest}
      uiSchema={(uiSchema ?? {}) as UiSchema}
      formData={formData}
      validator={validator}
      disabled={disabled}
      idPrefix={idPrefix}
      showErrorList={false}
      noHtml5Validate
      onChange={(e) => onChange?.(e.formData)}
      onSubmit={(e) => onSubmit?.(e.formData)}
    >
      {/* rjsf renders its own submit button only without children: always pass ours. */}
      <>
        {children}
        {onSubmit ? <button type="submit" className="primary" disabled={disabled}>{submitLabel ?? t('words.send')}</button> : null}
      </>
    </Form>
  );
}
